import { useState } from 'react';
import type { CommitResult } from './params-edit';
import type { FieldSpec } from './schema-fields';
import { FieldFrame, describedBy } from './FieldFrame';
import { isPercent, optionWords, rangeHint, toPercent } from './field-words';
import { pressed } from '../shortcuts/keymap';

export interface FieldProps<F extends FieldSpec = FieldSpec> {
  field: F;
  inputId: string;
  /** What the scenario holds at this path (undefined: not set, the default applies). */
  value: unknown;
  /** The schema's message about the stored value, if any (e.g. a cross-field rule). */
  issue?: string;
  /** Tries to write; refused values come back with the schema's message. */
  commit(value: unknown): CommitResult;
}

/**
 * A typed-in text that may not be written yet: kept with the stored value it started from,
 * so when the stored value changes (undo, another edit) the field shows the new one.
 */
interface Draft {
  text: string;
  base: unknown;
  error: string | null;
}

function useDraft(value: unknown, format: (v: unknown) => string) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const live = draft && Object.is(draft.base, value) ? draft : null;
  return { text: live ? live.text : format(value), error: live?.error ?? null, live, setDraft };
}

const numberText = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** Text, not type=number: so "abc" or "12,5" can be shown back with the schema's message. */
export function NumberField({
  field,
  inputId,
  value,
  issue,
  commit,
}: FieldProps<FieldSpec & { type: 'number' }>) {
  const shown = value ?? field.defaultValue;
  // A fraction is typed as a percentage: 1.5 % is stored as 0.015.
  const percent = isPercent(field);
  const { text, error, setDraft } = useDraft(shown, (v) =>
    percent && typeof v === 'number' ? String(toPercent(v)) : numberText(v),
  );
  const onText = (t: string) => {
    const trimmed = t.trim();
    // Empty: back to the default, or "not set" for optional fields.
    const typed =
      trimmed === ''
        ? undefined
        : /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)
          ? Number(trimmed)
          : trimmed;
    const parsed = percent && typeof typed === 'number' ? typed / 100 : typed;
    const r = commit(parsed);
    // The schema speaks in fractions ("must be 0–1 fraction"); the person typed a percentage.
    const message = r.ok
      ? null
      : percent && typeof typed === 'number'
        ? `must be ${rangeHint(field)}`
        : r.message;
    const base = r.ok ? (parsed ?? field.defaultValue) : shown;
    setDraft({ text: t, base, error: message });
  };
  const err = error ?? issue ?? null;
  return (
    <FieldFrame
      field={field}
      inputId={inputId}
      error={err}
      isSet={value !== undefined}
      onReset={() => {
        commit(undefined);
        setDraft(null);
      }}
    >
      <input
        id={inputId}
        className="input input--number"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={text}
        placeholder={field.optional ? 'not set' : undefined}
        aria-invalid={err ? true : undefined}
        aria-describedby={describedBy(inputId, err)}
        onChange={(e) => onText(e.target.value)}
        onKeyDown={(e) => {
          if (pressed('fieldRevert', e)) setDraft(null);
        }}
      />
    </FieldFrame>
  );
}

export function TextField({ field, inputId, value, issue, commit }: FieldProps) {
  const shown = value ?? field.defaultValue;
  const { text, error, setDraft } = useDraft(shown, (v) => (v === undefined ? '' : String(v)));
  const err = error ?? issue ?? null;
  return (
    <FieldFrame
      field={field}
      inputId={inputId}
      error={err}
      isSet={value !== undefined}
      onReset={() => {
        commit(undefined);
        setDraft(null);
      }}
    >
      <input
        id={inputId}
        className="input"
        type="text"
        value={text}
        aria-invalid={err ? true : undefined}
        aria-describedby={describedBy(inputId, err)}
        onChange={(e) => {
          const t = e.target.value;
          const r = commit(t === '' && field.optional ? undefined : t);
          setDraft({ text: t, base: r.ok ? t : shown, error: r.ok ? null : r.message });
        }}
      />
    </FieldFrame>
  );
}

export function EnumField({
  field,
  inputId,
  value,
  issue,
  commit,
}: FieldProps<FieldSpec & { type: 'enum' }>) {
  const [error, setError] = useState<string | null>(null);
  const shown = String(value ?? field.defaultValue ?? '');
  const err = error ?? issue ?? null;
  return (
    <FieldFrame
      field={field}
      inputId={inputId}
      error={err}
      isSet={value !== undefined}
      onReset={() => commit(undefined)}
    >
      <select
        id={inputId}
        className="input"
        value={shown}
        aria-invalid={err ? true : undefined}
        aria-describedby={describedBy(inputId, err)}
        onChange={(e) => {
          // Options may be numbers (1 | 100): give back the typed value, not the option's text.
          const v = field.options.find((o) => String(o) === e.target.value);
          const r = commit(v);
          setError(r.ok ? null : r.message);
        }}
      >
        {field.optional || field.defaultValue === undefined ? <option value="">not set</option> : null}
        {field.options.map((o) => (
          <option key={o} value={String(o)}>
            {optionWords(field, o)}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function BooleanField({ field, inputId, value, issue, commit }: FieldProps) {
  const checked = Boolean(value ?? field.defaultValue);
  return (
    <FieldFrame
      field={field}
      inputId={inputId}
      error={issue}
      isSet={value !== undefined}
      onReset={() => commit(undefined)}
    >
      <input
        id={inputId}
        className="checkbox"
        type="checkbox"
        checked={checked}
        aria-describedby={describedBy(inputId, issue)}
        onChange={(e) => commit(e.target.checked)}
      />
    </FieldFrame>
  );
}

/** Lists of pairs and other shapes without their own control: JSON text, checked on each edit. */
export function JsonField({ field, inputId, value, issue, commit }: FieldProps) {
  const shown = value ?? field.defaultValue;
  const { text, error, setDraft } = useDraft(shown, (v) => (v === undefined ? '' : JSON.stringify(v)));
  const err = error ?? issue ?? null;
  return (
    <FieldFrame
      field={field}
      inputId={inputId}
      error={err}
      isSet={value !== undefined}
      onReset={() => {
        commit(undefined);
        setDraft(null);
      }}
    >
      <textarea
        id={inputId}
        className="input input--json"
        rows={3}
        spellCheck={false}
        value={text}
        aria-invalid={err ? true : undefined}
        aria-describedby={describedBy(inputId, err)}
        onChange={(e) => {
          const t = e.target.value;
          if (t.trim() === '') {
            const r = commit(undefined);
            setDraft({ text: t, base: r.ok ? field.defaultValue : shown, error: r.ok ? null : r.message });
            return;
          }
          let parsed: unknown;
          try {
            parsed = JSON.parse(t);
          } catch {
            setDraft({ text: t, base: shown, error: 'must be valid JSON, e.g. [[0, 10], [60, 100]]' });
            return;
          }
          const r = commit(parsed);
          setDraft({ text: t, base: r.ok ? parsed : shown, error: r.ok ? null : r.message });
        }}
      />
    </FieldFrame>
  );
}
