import { useCallback } from 'react';
import { DEFAULT_MEMORY_SIZES, type TuningReport } from '../../engine/tuning/power-tuning';
import { REPLICATION_CHOICES } from '../../engine/stats/replications';
import { slug } from '../results/export/download';
import { fmtMs, fmtPercent } from '../results/format';
import { useScenarioStore } from '../store/scenario';
import { Dialog } from '../ui/Dialog';
import { TuningChart, fmtMB, fmtPerMillion, pickLabels } from './TuningChart';
import { useTuning } from './tuning-store';
import './tuning.css';

/**
 * "Tune memory" for one function: the sweep over memory sizes with replications, the chart,
 * the three picks in words, and a button per size that sets the function's memory.
 */
export function TuningView() {
  const nodeId = useTuning((s) => s.nodeId);
  const close = useTuning((s) => s.close);
  const node = useScenarioStore((s) => s.doc.nodes.find((n) => n.id === nodeId));
  const onClose = useCallback(() => close(), [close]);
  if (!nodeId) return null;
  return (
    <Dialog title={`Tune memory: ${node?.label ?? nodeId}`} onClose={onClose} wide>
      <TuningBody />
    </Dialog>
  );
}

function TuningBody() {
  const s = useTuning();
  const docName = useScenarioStore((d) => d.doc.name);
  const node = useScenarioStore((d) => d.doc.nodes.find((n) => n.id === s.nodeId));
  const current = typeof node?.params.memoryMB === 'number' ? node.params.memoryMB : 128;
  const running = s.status === 'running';
  return (
    <div className="tuning">
      <p className="tuning-intro">
        Runs the diagram with this function at each memory size ({DEFAULT_MEMORY_SIZES.map(fmtMB).join(', ')}
        {s.extra.trim() ? ' and yours' : ''}) and compares what one invocation costs and how long it takes.
        Below 1,769 MB a function gets a share of one vCPU in proportion to its memory, so the CPU-bound part
        of its handler (its “CPU-bound fraction”) slows down; above it, one thread gains nothing.
      </p>
      <form
        className="tuning-form"
        onSubmit={(e) => {
          e.preventDefault();
          void s.run();
        }}
      >
        <label>
          <span>Also try (MB)</span>
          <input
            type="text"
            inputMode="numeric"
            value={s.extra}
            placeholder="e.g. 3008, 6144"
            disabled={running}
            onChange={(e) => s.set({ extra: e.target.value })}
          />
        </label>
        <label>
          <span>Runs per size</span>
          <select
            value={s.replications}
            disabled={running}
            onChange={(e) => s.set({ replications: Number(e.target.value) })}
          >
            {REPLICATION_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Simulated seconds per run</span>
          <input
            type="number"
            min={10}
            max={86400}
            step={10}
            value={s.durationSeconds}
            disabled={running}
            onChange={(e) => s.set({ durationSeconds: Math.max(10, Number(e.target.value) || 10) })}
          />
        </label>
        {running ? (
          <button type="button" className="button button--danger" onClick={s.cancel}>
            Stop
          </button>
        ) : (
          <button type="submit" className="button button--primary">
            {s.report ? 'Tune again' : 'Tune memory'}
          </button>
        )}
      </form>
      {running && (
        <div className="tuning-progress" role="status">
          <progress max={s.total} value={s.done} aria-label="Runs done" /> {s.done} of {s.total} runs
        </div>
      )}
      {s.status === 'cancelled' && <p role="status">Stopped.</p>}
      {s.error && (
        <p className="field__error" role="alert">
          {s.error}
        </p>
      )}
      {s.report && (
        <TuningResult
          report={s.report}
          current={current}
          fileName={`${slug(docName)}-${slug(s.report.label)}-power-tuning`}
          onApply={s.apply}
        />
      )}
    </div>
  );
}

function TuningResult({
  report,
  current,
  fileName,
  onApply,
}: {
  report: TuningReport;
  current: number;
  fileName: string;
  onApply(mb: number): void;
}) {
  const at = (mb: number) => report.points.find((p) => p.memoryMB === mb)!;
  const picks = pickLabels(report);
  const cost = (mb: number) => fmtPerMillion(at(mb).costPerInvocationUsd.mean * 1e6);
  const time = (mb: number) => fmtMs(at(mb).durationMs.mean.mean);
  const reps = report.replications;
  const pm = (mean: number, hw: number, fmt: (x: number) => string) =>
    reps > 1 && hw > 0 ? `${fmt(mean)} ± ${fmt(hw)}` : fmt(mean);
  return (
    <div className="tuning-result">
      <ul className="tuning-picks" aria-label="Picks">
        <li>
          <strong>Cheapest:</strong> {fmtMB(report.cheapest)}, {cost(report.cheapest)} per million
          invocations, {time(report.cheapest)} on average
        </li>
        <li>
          <strong>Fastest:</strong> {fmtMB(report.fastest)}, {time(report.fastest)} on average,{' '}
          {cost(report.fastest)} per million
        </li>
        <li>
          <strong>Balanced:</strong> {fmtMB(report.balanced)} (least cost and time, each relative to the
          best): {cost(report.balanced)} per million, {time(report.balanced)}
        </li>
      </ul>
      <TuningChart report={report} fileName={fileName} />
      <div className="tuning-table-wrap">
        <table className="tuning-table">
          <caption>
            Each size{reps > 1 ? `: mean ± 95 % interval over ${reps} runs` : ''}. The function has{' '}
            {fmtMB(current)} now.
          </caption>
          <thead>
            <tr>
              <th scope="col">Memory</th>
              <th scope="col">Cost per 1M invocations</th>
              <th scope="col">Duration mean</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
              <th scope="col">Errors</th>
              <th scope="col">
                <span className="visually-hidden">Use</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {report.points.map((p) => (
              <tr
                key={p.memoryMB}
                data-memory={p.memoryMB}
                aria-current={p.memoryMB === current || undefined}
              >
                <th scope="row">
                  {fmtMB(p.memoryMB)}
                  {picks.has(p.memoryMB) ? (
                    <span className="tuning-badge">{picks.get(p.memoryMB)}</span>
                  ) : null}
                </th>
                <td>
                  {pm(
                    p.costPerInvocationUsd.mean * 1e6,
                    p.costPerInvocationUsd.halfWidth * 1e6,
                    fmtPerMillion,
                  )}
                </td>
                <td>{pm(p.durationMs.mean.mean, p.durationMs.mean.halfWidth, fmtMs)}</td>
                <td>{fmtMs(p.durationMs.p50.mean)}</td>
                <td>{fmtMs(p.durationMs.p95.mean)}</td>
                <td>{fmtPercent(p.errorRate.mean)}</td>
                <td>
                  {p.memoryMB === current ? (
                    <span className="tuning-current">current</span>
                  ) : (
                    <button type="button" className="button" onClick={() => onApply(p.memoryMB)}>
                      Use {fmtMB(p.memoryMB)}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
