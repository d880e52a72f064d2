import { useId, useMemo, useRef, useState } from 'react';
import { Plus, Upload, X } from 'lucide-react';
import { fmtValue, type SweepReport } from '../../engine/compare/sweep';
import { PALETTE } from '../results/chart-theme';
import { fmtDuration, fmtUsd } from '../results/format';
import { parseScenarioText } from '../persistence/file-io';
import { TEMPLATES } from '../persistence/templates';
import { useScenarioStore } from '../store/scenario';
import { MAX_ENTRIES, MIN_ENTRIES, presetEntries, useCompare, type CompareEntry } from './compare-store';
import { paramOptions } from './param-options';
import { SideBySide } from './SideBySide';
import { SweepChart, shortParam } from './SweepChart';
import { sweepFraction, sweepStatusText } from './sweep-state';
import { useModalDialog } from '../ui/Dialog';
import '../results/results.css';
import './compare.css';

type Tab = 'sweep' | 'side';

/** A colour per entry, by its place in the list. */
function colorOf(index: number): string {
  return PALETTE[index % PALETTE.length];
}

/**
 * The compare view: two to four scenarios on the same traffic and seed, side by side, and a
 * sweep of one parameter with the monthly cost of each against it and the crossovers
 * labelled. A full-screen modal <dialog>: focus stays inside, Escape closes it.
 */
export function CompareView() {
  const titleId = useId();
  const close = useCompare((s) => s.close);
  const [tab, setTab] = useState<Tab>('sweep');
  const ref = useModalDialog(close);

  return (
    <dialog ref={ref} className="compare-view" aria-labelledby={titleId}>
      <header className="compare-header">
        <h2 id={titleId} className="compare-title">
          Compare designs
        </h2>
        <p className="compare-lede">
          The same workload, several ways: what does each cost, how fast is it, and where do their costs
          cross?
        </p>
        <button
          type="button"
          className="icon-button"
          aria-label="Close the comparison"
          title="Close (Esc)"
          onClick={close}
        >
          <X size={20} aria-hidden="true" />
        </button>
      </header>
      <div className="compare-body">
        <EntryList />
        <div className="compare-tabs" role="tablist" aria-label="Compare views">
          {(
            [
              ['sweep', 'Cost against load (sweep)'],
              ['side', 'Side by side'],
            ] as const
          ).map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`compare-tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`compare-panel-${id}`}
              tabIndex={tab === id ? 0 : -1}
              onClick={() => setTab(id)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                  e.preventDefault();
                  const next = id === 'sweep' ? 'side' : 'sweep';
                  setTab(next);
                  document.getElementById(`compare-tab-${next}`)?.focus();
                }
              }}
            >
              {label}
            </button>
          ))}
        </div>
        <div
          role="tabpanel"
          id="compare-panel-sweep"
          aria-labelledby="compare-tab-sweep"
          hidden={tab !== 'sweep'}
        >
          <SweepSection />
        </div>
        <div
          role="tabpanel"
          id="compare-panel-side"
          aria-labelledby="compare-tab-side"
          hidden={tab !== 'side'}
        >
          <SideSection />
        </div>
      </div>
    </dialog>
  );
}

/** The scenarios being compared, and ways to add more: the diagram, a template, a file, or the preset. */
function EntryList() {
  const entries = useCompare((s) => s.entries);
  const running = useCompare((s) => s.sweep.phase === 'running' || s.side.status === 'running');
  const [template, setTemplate] = useState(TEMPLATES[0]?.id ?? '');
  const [importError, setImportError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const full = entries.length >= MAX_ENTRIES;
  const add = (e: Omit<CompareEntry, 'key'>) => useCompare.getState().addEntry(e);

  const onFile = async (f: File) => {
    const r = parseScenarioText(await f.text());
    if (!r.ok) {
      setImportError(`${f.name}: ${r.errors.slice(0, 3).join('; ')}`);
      return;
    }
    setImportError(null);
    add({ name: r.doc.name, source: 'file', doc: r.doc });
  };

  return (
    <section className="compare-entries" aria-label="Scenarios to compare">
      <ul className="compare-entry-list">
        {entries.map((e, i) => (
          <li key={e.key} className="compare-entry">
            <span className="compare-swatch" style={{ background: colorOf(i) }} aria-hidden="true" />
            <label className="visually-hidden" htmlFor={`compare-name-${e.key}`}>
              Short name of {e.doc.name}
            </label>
            <input
              id={`compare-name-${e.key}`}
              className="input compare-entry-name"
              value={e.name}
              maxLength={40}
              disabled={running}
              onChange={(ev) => useCompare.getState().renameEntry(e.key, ev.target.value)}
            />
            <span className="compare-entry-source" title={e.doc.name}>
              {e.source === 'canvas' ? 'the diagram' : e.source === 'file' ? 'imported' : 'template'} ·{' '}
              {e.doc.name}
            </span>
            <button
              type="button"
              className="icon-button icon-button--small"
              aria-label={`Remove ${e.name}`}
              disabled={running}
              onClick={() => useCompare.getState().removeEntry(e.key)}
            >
              <X size={16} aria-hidden="true" />
            </button>
          </li>
        ))}
        {entries.length === 0 ? (
          <li className="compare-note">No scenarios yet: add two to four below, or open the preset.</li>
        ) : null}
      </ul>
      <div className="compare-add" role="group" aria-label="Add a scenario">
        <button
          type="button"
          className="button"
          disabled={running}
          onClick={() => useCompare.getState().openWith(presetEntries())}
          title="Monolith, tiers, containers and functions: the same workload four ways"
        >
          Open the preset
        </button>
        <button
          type="button"
          className="button"
          disabled={full || running}
          onClick={() => {
            const doc = structuredClone(useScenarioStore.getState().doc);
            add({ name: doc.name, source: 'canvas', doc });
          }}
        >
          <Plus size={16} aria-hidden="true" /> The diagram
        </button>
        <label className="compare-field">
          <span>Template</span>
          <select
            className="input"
            value={template}
            disabled={full || running}
            onChange={(e) => setTemplate(e.target.value)}
          >
            {TEMPLATES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          disabled={full || running}
          onClick={() => {
            const t = TEMPLATES.find((x) => x.id === template);
            if (t)
              add({ name: t.id.replace(/^compare-/, ''), source: 'template', doc: structuredClone(t.doc) });
          }}
        >
          <Plus size={16} aria-hidden="true" /> Add template
        </button>
        <button
          type="button"
          className="button"
          disabled={full || running}
          onClick={() => file.current?.click()}
        >
          <Upload size={16} aria-hidden="true" /> Add a file…
        </button>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          aria-label="Add a scenario file to the comparison"
          tabIndex={-1}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void onFile(f);
          }}
        />
        <span className="compare-note">
          {entries.length} of {MAX_ENTRIES}
        </span>
      </div>
      {importError ? (
        <p className="compare-error" role="alert">
          Not added: {importError}
        </p>
      ) : null}
    </section>
  );
}

function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  step,
  unit,
  disabled,
}: {
  label: string;
  value: number;
  onChange(v: number): void;
  min?: number;
  max?: number;
  step?: number | 'any';
  unit?: string;
  disabled?: boolean;
}) {
  const [text, setText] = useState(String(value));
  const [prev, setPrev] = useState(value);
  if (prev !== value) {
    // The store changed the value (a new parameter's range): show it.
    setPrev(value);
    setText(String(value));
  }
  const n = Number(text);
  const invalid =
    text.trim() === '' ||
    !Number.isFinite(n) ||
    (min !== undefined && n < min) ||
    (max !== undefined && n > max);
  return (
    <label className="compare-field">
      <span>
        {label}
        {unit ? <span className="compare-unit"> ({unit})</span> : null}
      </span>
      <input
        className="input input--number"
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step ?? 'any'}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (
            e.target.value.trim() !== '' &&
            Number.isFinite(v) &&
            (min === undefined || v >= min) &&
            (max === undefined || v <= max)
          ) {
            setPrev(v);
            onChange(v);
          }
        }}
      />
    </label>
  );
}

function ProgressBar({ label, fraction, text }: { label: string; fraction: number; text: string }) {
  return (
    <div className="run-progress compare-progress">
      <div
        className="run-progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div className="run-progress-fill" style={{ transform: `scaleX(${fraction})` }} />
      </div>
      <span className="run-progress-text compare-status" aria-live="polite">
        {text}
      </span>
    </div>
  );
}

/** The sweep: the parameter and its range, Run / Stop with progress, the charts and the crossovers in words. */
function SweepSection() {
  const entries = useCompare((s) => s.entries);
  const form = useCompare((s) => s.form);
  const seed = useCompare((s) => s.seed);
  const sweep = useCompare((s) => s.sweep);
  const sideRunning = useCompare((s) => s.side.status === 'running');
  const [logY, setLogY] = useState(true);
  const options = useMemo(() => paramOptions(entries.map((e) => e.doc)), [entries]);
  const running = sweep.phase === 'running';
  const set = useCompare.getState().setForm;
  const shared = options.filter((o) => o.scenarios.length === entries.length);
  const some = options.filter((o) => o.scenarios.length !== entries.length);
  const chosen = options.find((o) => o.path === form.param);
  const enough = entries.length >= MIN_ENTRIES;
  const report = sweep.report;
  const colors = useMemo(() => (report ? curveColors(report, entries) : []), [report, entries]);
  const runs = entries.length * form.steps;

  return (
    <section className="compare-section" aria-label="Sweep">
      <form
        className="compare-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running && enough) void useCompare.getState().runSweep();
        }}
      >
        <label className="compare-field compare-field-wide">
          <span>Parameter</span>
          <select
            className="input"
            value={form.param}
            disabled={running}
            onChange={(e) => {
              const o = options.find((x) => x.path === e.target.value);
              const rate = o && /ratePerSecond$/.test(o.path);
              set({
                param: e.target.value,
                ...(o
                  ? rate
                    ? { from: 0.01, to: 1000, log: true }
                    : o.sample > 0
                      ? {
                          from: +(o.sample / 4).toPrecision(3),
                          to: +(o.sample * 4).toPrecision(3),
                          log: true,
                        }
                      : { from: 0, to: 10, log: false }
                  : {}),
              });
            }}
          >
            {shared.length > 0 ? (
              <optgroup label="In every scenario">
                {shared.map((o) => (
                  <option key={o.path} value={o.path}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {some.length > 0 ? (
              <optgroup label="In some scenarios (sweeps only those)">
                {some.map((o) => (
                  <option key={o.path} value={o.path}>
                    {o.label} — {o.scenarios.map((i) => entries[i]?.name).join(', ')}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </label>
        <NumberField label="From" value={form.from} onChange={(from) => set({ from })} disabled={running} />
        <NumberField label="To" value={form.to} onChange={(to) => set({ to })} disabled={running} />
        <NumberField
          label="Points"
          value={form.steps}
          onChange={(steps) => set({ steps: Math.round(steps) })}
          min={2}
          max={60}
          step={1}
          disabled={running}
        />
        <label className="compare-check">
          <input
            type="checkbox"
            checked={form.log}
            disabled={running}
            onChange={(e) => set({ log: e.target.checked })}
          />{' '}
          Log spacing
        </label>
        <NumberField
          label="Refine rounds"
          value={form.refineRounds}
          onChange={(refineRounds) => set({ refineRounds: Math.round(refineRounds) })}
          min={0}
          max={12}
          step={1}
          disabled={running}
        />
        <NumberField
          label="Simulated time per run"
          unit="s"
          value={form.durationSeconds}
          onChange={(durationSeconds) => set({ durationSeconds })}
          min={10}
          max={86_400}
          step={1}
          disabled={running}
        />
        <NumberField
          label="Seed"
          value={seed}
          onChange={(s) => useCompare.getState().setRunSettings({ seed: Math.round(s) })}
          min={0}
          max={4294967295}
          step={1}
          disabled={running}
        />
        <div className="compare-actions">
          {running ? (
            <button
              type="button"
              className="button button--danger"
              onClick={() => useCompare.getState().cancel()}
            >
              <span aria-hidden="true">■</span> Stop
            </button>
          ) : (
            <button
              type="submit"
              className="button button--primary"
              disabled={!enough || sideRunning || !form.param}
            >
              <span aria-hidden="true">▶</span> Run sweep
            </button>
          )}
        </div>
      </form>
      <p className="compare-note">
        {enough
          ? `${runs} runs of ${fmtDuration(form.durationSeconds)} each (the warm-up keeps its share), then up to ${form.refineRounds} rounds of re-runs at the midpoints of each crossover; same seed for all.`
          : `Add at least ${MIN_ENTRIES} scenarios to compare.`}
        {chosen && chosen.scenarios.length < entries.length
          ? ` Only ${chosen.scenarios.map((i) => entries[i]?.name).join(', ')} ${chosen.scenarios.length === 1 ? 'has' : 'have'} this parameter.`
          : ''}
      </p>
      <ProgressBar label="Sweep progress" fraction={sweepFraction(sweep)} text={sweepStatusText(sweep)} />
      {sweep.incompleteRuns > 0 ? (
        <p className="compare-note">
          {sweep.incompleteRuns} runs stopped early (a guard): their points are partial.
        </p>
      ) : null}
      {report ? (
        <div className="compare-results" aria-busy={running}>
          <CrossoverList report={report} />
          <label className="compare-check">
            <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} /> Log scale for
            cost
          </label>
          <SweepChart
            report={report}
            metric="cost"
            colors={colors}
            logX={form.log && report.values[0] > 0}
            logY={logY}
            fileName="compare-sweep-cost"
          />
          <SweepChart
            report={report}
            metric="p95"
            colors={colors}
            logX={form.log && report.values[0] > 0}
            logY={false}
            fileName="compare-sweep-p95"
          />
          <PointsTable report={report} />
        </div>
      ) : null}
    </section>
  );
}

/** Colours by entry: a curve keeps its scenario's colour even when only some scenarios were swept. */
function curveColors(report: SweepReport, entries: readonly CompareEntry[]): string[] {
  return report.curves.map((c, i) => {
    const at = entries.findIndex((e) => e.name === c.name);
    return colorOf(at >= 0 ? at : i);
  });
}

/** Every crossover in words, with where it was bracketed: what the chart labels, readable at any size. */
function CrossoverList({ report }: { report: SweepReport }) {
  if (report.crossovers.length === 0) {
    const first = report.curves.reduce(
      (best, c) =>
        c.points[0] && best.points[0] && c.points[0].monthlyCostUsd < best.points[0].monthlyCostUsd
          ? c
          : best,
      report.curves[0],
    );
    return (
      <p className="crossover-none">
        No crossovers in this range
        {first && report.curves.length > 1 ? `: ${first.name} costs least throughout` : ''}.
      </p>
    );
  }
  return (
    <ol className="crossover-list" aria-label="Crossovers">
      {report.crossovers.map((c) => (
        <li key={`${c.a}-${c.b}-${c.lo}`}>
          <strong>{c.label}</strong>
          <span className="compare-note">
            {' '}
            — about {fmtUsd(c.monthlyCostUsd)} a month there; between {fmtValue(c.lo)} and {fmtValue(c.hi)}
            {c.refined > 0
              ? ` after ${c.refined} refinement round${c.refined === 1 ? '' : 's'}`
              : ' (interpolated)'}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The numbers behind the charts. */
function PointsTable({ report }: { report: SweepReport }) {
  return (
    <details className="compare-points">
      <summary>Table of the sweep's points</summary>
      <table className="compare-table">
        <thead>
          <tr>
            <th scope="col">
              {shortParam(report.param)}
              {report.unit ? ` (${report.unit})` : ''}
            </th>
            {report.curves.map((c) => (
              <th key={c.name} scope="col" className="num">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.values.map((v) => (
            <tr key={v}>
              <th scope="row">{fmtValue(v)}</th>
              {report.curves.map((c) => {
                const p = c.points.find((q) => q.value === v);
                return (
                  <td key={c.name} className="num">
                    {p
                      ? `${fmtUsd(p.monthlyCostUsd)} · p95 ${Math.round(p.p95Ms)} ms${p.failedFraction > 0.01 ? ' *' : ''}`
                      : '—'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Side by side: one run of each scenario with the same duration and seed. */
function SideSection() {
  const entries = useCompare((s) => s.entries);
  const side = useCompare((s) => s.side);
  const durationSeconds = useCompare((s) => s.durationSeconds);
  const seed = useCompare((s) => s.seed);
  const sweepRunning = useCompare((s) => s.sweep.phase === 'running');
  const running = side.status === 'running';
  const settings = useCompare.getState().setRunSettings;
  const columns = useMemo(
    () =>
      side.entries.map((entry, i) => {
        const o = side.outcomes[i];
        const result = o && (o.status === 'done' || o.status === 'cancelled') ? o.result : null;
        const note = !o
          ? 'running…'
          : o.status === 'error'
            ? `failed: ${o.error.message}`
            : o.status === 'cancelled' && !result
              ? 'stopped'
              : '';
        const at = entries.findIndex((e) => e.key === entry.key);
        return { entry, result, note, color: colorOf(at >= 0 ? at : i) };
      }),
    [side, entries],
  );
  const text =
    side.status === 'idle'
      ? 'Not run yet.'
      : running
        ? `Running: ${side.done} of ${side.entries.length} scenarios`
        : side.status === 'cancelled'
          ? 'Stopped.'
          : `Done: ${side.entries.length} scenarios, ${fmtDuration(side.durationSeconds)} each.`;
  return (
    <section className="compare-section" aria-label="Side by side">
      <form
        className="compare-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running) void useCompare.getState().runSideBySide();
        }}
      >
        <NumberField
          label="Duration"
          unit="s"
          value={durationSeconds}
          onChange={(d) => settings({ durationSeconds: d })}
          min={10}
          max={30 * 86_400}
          step={1}
          disabled={running}
        />
        <NumberField
          label="Seed"
          value={seed}
          onChange={(s) => settings({ seed: Math.round(s) })}
          min={0}
          max={4294967295}
          step={1}
          disabled={running}
        />
        <div className="compare-actions">
          {running ? (
            <button
              type="button"
              className="button button--danger"
              onClick={() => useCompare.getState().cancel()}
            >
              <span aria-hidden="true">■</span> Stop
            </button>
          ) : (
            <button
              type="submit"
              className="button button--primary"
              disabled={entries.length === 0 || sweepRunning}
            >
              <span aria-hidden="true">▶</span> Run side by side
            </button>
          )}
        </div>
      </form>
      <ProgressBar
        label="Side-by-side progress"
        fraction={side.entries.length ? side.done / side.entries.length : 0}
        text={text}
      />
      {side.entries.length > 0 ? (
        <SideBySide columns={columns} durationSeconds={side.durationSeconds} />
      ) : null}
    </section>
  );
}
