import { useState } from 'react';
import { settingsSchema } from '../engine/scenario/schema';
import { tryCommit } from './inspector/params-edit';
import { useScenarioStore } from './store/scenario';
import { pressed } from './shortcuts/keymap';

/**
 * A scenario setting in the top bar (seed, duration): the same schema check as the
 * inspector's form, compact. A refused value stays in the box, flagged, and is not written.
 */
export function TopBarSetting({
  name,
  label,
  unit,
  width = 7,
}: {
  name: string;
  label: string;
  unit?: string;
  width?: number;
}) {
  const settings = useScenarioStore((s) => s.doc.settings);
  const value = settings[name] ?? defaultSetting(name);
  const [draft, setDraft] = useState<{ text: string; base: unknown; error: string | null } | null>(null);
  const live = draft && Object.is(draft.base, value) ? draft : null;
  const id = `topbar-${name}`;
  return (
    <div className={`topbar-setting${live?.error ? ' is-invalid' : ''}`}>
      <label htmlFor={id} className="topbar-setting__label">
        {label}
      </label>
      <input
        id={id}
        className="input input--compact"
        inputMode="numeric"
        style={{ width: `${width}ch` }}
        value={live ? live.text : String(value)}
        aria-invalid={live?.error ? true : undefined}
        aria-describedby={live?.error ? `${id}-error` : undefined}
        onChange={(e) => {
          const text = e.target.value;
          const v = text.trim() === '' ? undefined : Number.isNaN(Number(text)) ? text : Number(text);
          const r = tryCommit(settingsSchema, settings, [name], v, (next) =>
            useScenarioStore.getState().setSettings({ [name]: next[name] }),
          );
          setDraft({
            text,
            base: r.ok ? (v ?? defaultSetting(name)) : value,
            error: r.ok ? null : r.message,
          });
        }}
        onKeyDown={(e) => {
          if (pressed('fieldRevert', e)) setDraft(null);
        }}
      />
      {unit ? <span className="topbar-setting__unit">{unit}</span> : null}
      {live?.error ? (
        <span className="topbar-setting__error" id={`${id}-error`} role="alert">
          ⚠ {label} {live.error}
        </span>
      ) : null}
    </div>
  );
}

function defaultSetting(name: string): unknown {
  const r = settingsSchema.safeParse({});
  return r.success ? (r.data as Record<string, unknown>)[name] : undefined;
}
