import { useMemo, useState } from 'react';
import type { SweepReport } from '../../engine/compare/sweep';
import { fmtDuration } from '../results/format';
import { colorOf } from './compare-colors';
import { MIN_ENTRIES, useCompare, type CompareEntry } from './compare-store';
import { CrossoverList } from './CrossoverList';
import { NumberField } from './NumberField';
import { paramOptions } from './param-options';
import { PointsTable } from './PointsTable';
import { ProgressBar } from './ProgressBar';
import { RunsField } from './RunsField';
import { SweepChart } from './SweepChart';
import { sweepFraction, sweepStatusText } from './sweep-state';
import { paramAxisTitle, plural, viabilitySentences } from './sweep-words';

/** The sweep: the parameter and its range, Run / Stop with progress, the charts and the crossovers in words. */
export function SweepSection() {
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
  const replications = useCompare((s) => s.replications);
  const xTitle = useMemo(
    () =>
      report
        ? paramAxisTitle(
            report.param,
            report.unit,
            entries.map((e) => e.doc),
          )
        : '',
    [report, entries],
  );
  const viability = useMemo(() => (report ? viabilitySentences(report) : []), [report]);

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
        <RunsField disabled={running} />
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
          ? `${plural(runs * replications, 'run')} of ${fmtDuration(form.durationSeconds)} each (${plural(entries.length, 'design')} × ${plural(form.steps, 'point')}${replications > 1 ? ` × ${replications} seeds` : ''}; the warm-up keeps its share), then up to ${plural(form.refineRounds, 'round')} of re-runs at the midpoints of each crossover; the same seeds for every design.`
          : `Add at least ${MIN_ENTRIES} scenarios to compare.`}
        {chosen && chosen.scenarios.length < entries.length
          ? ` Only ${chosen.scenarios.map((i) => entries[i]?.name).join(', ')} ${chosen.scenarios.length === 1 ? 'has' : 'have'} this parameter.`
          : ''}
      </p>
      <ProgressBar label="Sweep progress" fraction={sweepFraction(sweep)} text={sweepStatusText(sweep)} />
      {sweep.incompleteRuns > 0 ? (
        <p className="compare-note">
          {plural(sweep.incompleteRuns, 'run')} stopped early (a guard):{' '}
          {sweep.incompleteRuns === 1 ? 'its point is' : 'their points are'} partial.
        </p>
      ) : null}
      {report ? (
        <div className="compare-results" aria-busy={running}>
          <CrossoverList report={report} />
          {viability.length > 0 ? (
            <ul className="viability-list" aria-label="Where designs stop being viable">
              {viability.map((v) => (
                <li key={v}>{v}</li>
              ))}
            </ul>
          ) : null}
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
            xTitle={xTitle}
            fileName="compare-sweep-cost"
          />
          <SweepChart
            report={report}
            metric="p95"
            colors={colors}
            logX={form.log && report.values[0] > 0}
            logY={false}
            xTitle={xTitle}
            fileName="compare-sweep-p95"
          />
          <PointsTable report={report} xTitle={xTitle} />
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
