import { metricNum } from '../../engine/kinds/names';
import type { Result } from '../../engine/result';
import type { Interval } from '../../engine/stats/interval';
import { fmtCount, fmtDuration, fmtMs, fmtPercent, fmtUsd } from './format';
import { NodeIntervals } from './NodeIntervals';

/** "120 ms ± 4 ms": a figure and the half-width of its 95 % interval (alone with one run). */
export function fmtPm(iv: Interval | undefined, fmt: (x: number) => string, plain: number): string {
  if (!iv || iv.n < 2) return fmt(plain);
  return `${fmt(iv.mean)} ± ${fmt(iv.halfWidth)}`;
}

/** The run at a glance: where requests ended, how long they took, what it costs. */
export function SummaryCards({ result }: { result: Result }) {
  if (result.replications) return <ReplicatedSummary result={result} />;
  const t = result.totals;
  const cold = coldStartRatio(result);
  const perSecond = result.simulatedSeconds > 0 ? t.requests / result.simulatedSeconds : 0;
  return (
    <div className="summary">
      <OutcomeCard result={result} />
      <div className="summary-cards">
        <Card
          label="Requests"
          value={fmtCount(t.requests)}
          note={`${fmtCount(perSecond)}/s over ${fmtDuration(result.simulatedSeconds)}`}
        />
        <Card label="Latency p50" value={fmtMs(t.latencyMs.p50)} note={`mean ${fmtMs(t.latencyMs.mean)}`} />
        <Card label="Latency p95" value={fmtMs(t.latencyMs.p95)} />
        <Card label="Latency p99" value={fmtMs(t.latencyMs.p99)} note={`max ${fmtMs(t.latencyMs.max)}`} />
        {cold && (
          <Card
            label="Cold starts"
            value={fmtPercent(cold.ratio)}
            note={`${fmtCount(cold.coldStarts)} of ${fmtCount(cold.invocations)} invocations`}
          />
        )}
        <Card
          label="Cost of this run"
          value={fmtUsd(t.costUsd)}
          note={`for ${fmtDuration(result.simulatedSeconds)}`}
        />
        <Card label="Cost per month" value={fmtUsd(t.monthlyCostUsd)} note="at this rate, 30 days" accent />
      </div>
    </div>
  );
}

/**
 * With replications: every headline figure as mean ± its 95 % interval (Student's t over the
 * runs), and each node's key means the same way.
 */
function ReplicatedSummary({ result }: { result: Result }) {
  const s = result.replications!;
  const t = s.totals;
  const lat = t.latencyMs;
  const ms = (iv: Interval) => fmtPm(iv, fmtMs, iv.mean);
  return (
    <div className="summary">
      <p className="summary-replications" data-testid="replications-note">
        Mean of <strong>{s.count} runs</strong> with different seeds, ± the 95 % confidence interval
        (Student’s t): the true long-run figure lies in that range 19 times in 20.
        {s.incomplete > 0 ? ` ${s.incomplete} of the runs stopped early; their figures are partial.` : ''}
      </p>
      <OutcomeCard result={result} />
      <div className="summary-cards">
        <Card
          label="Requests"
          value={fmtPm(t.requests, fmtCount, 0)}
          note={`per run of ${fmtDuration(result.simulatedSeconds)}`}
        />
        <Card label="Latency p50" value={ms(lat.p50)} note={`mean ${ms(lat.mean)}`} />
        <Card label="Latency p95" value={ms(lat.p95)} />
        <Card label="Latency p99" value={ms(lat.p99)} note={`max ${ms(lat.max)}`} />
        <Card
          label="Errors"
          value={fmtPm(t.errorRate, fmtPercent, 0)}
          note="failed, dropped or dead-lettered"
        />
        {t.coldStartRate && (
          <Card label="Cold starts" value={fmtPm(t.coldStartRate, fmtPercent, 0)} note="of invocations" />
        )}
        <Card
          label="Cost of a run"
          value={fmtPm(t.costUsd, fmtUsd, 0)}
          note={`for ${fmtDuration(result.simulatedSeconds)}`}
        />
        <Card
          label="Cost per month"
          value={fmtPm(t.monthlyCostUsd, fmtUsd, 0)}
          note="at this rate, 30 days"
          accent
        />
      </div>
      <NodeIntervals result={result} />
    </div>
  );
}

function Card({
  label,
  value,
  note,
  accent,
}: {
  label: string;
  value: string;
  note?: string;
  accent?: boolean;
}) {
  return (
    <div className={accent ? 'summary-card summary-card-accent' : 'summary-card'}>
      <div className="summary-card-label">{label}</div>
      <div className="summary-card-value">{value}</div>
      {note && <div className="summary-card-note">{note}</div>}
    </div>
  );
}

const OUTCOMES = [
  { key: 'completed', label: 'Completed', className: 'outcome-completed' },
  { key: 'failed', label: 'Failed', className: 'outcome-failed' },
  { key: 'deadLettered', label: 'Dead-lettered', className: 'outcome-dead' },
  { key: 'dropped', label: 'Dropped', className: 'outcome-dropped' },
  { key: 'inFlight', label: 'In flight at the end', className: 'outcome-inflight' },
] as const;

/** Every request ends in exactly one outcome: one bar shows the whole split. */
function OutcomeCard({ result }: { result: Result }) {
  const t = result.totals;
  const total = Math.max(1, t.requests);
  return (
    <div className="summary-card outcome-card">
      <div className="summary-card-label">
        Where requests ended{result.replications ? ' (first run, seed ' + result.seed + ')' : ''}
      </div>
      <div
        className="outcome-bar"
        role="img"
        aria-label={OUTCOMES.map((o) => `${o.label}: ${fmtCount(t[o.key])}`).join(', ')}
      >
        {OUTCOMES.filter((o) => t[o.key] > 0).map((o) => (
          <div
            key={o.key}
            className={`outcome-segment ${o.className}`}
            style={{ flexGrow: t[o.key] }}
            title={`${o.label}: ${fmtCount(t[o.key])}`}
          />
        ))}
      </div>
      <dl className="outcome-list">
        {OUTCOMES.map((o) => (
          <div
            key={o.key}
            className={t[o.key] === 0 ? 'outcome-item outcome-zero' : 'outcome-item'}
            data-outcome={o.key}
          >
            <dt>
              <span className={`outcome-swatch ${o.className}`} aria-hidden="true" />
              {o.label}
            </dt>
            <dd>
              {fmtCount(t[o.key])} <span className="outcome-share">{fmtPercent(t[o.key] / total)}</span>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Across all functions: the share of invocations that paid for a cold start. */
export function coldStartRatio(
  result: Result,
): { ratio: number; coldStarts: number; invocations: number } | null {
  let coldStarts = 0;
  let invocations = 0;
  let functions = 0;
  for (const node of Object.values(result.nodes)) {
    if (node.kind !== 'function') continue;
    functions++;
    coldStarts += metricNum('function', node.metrics, 'coldStarts');
    invocations += metricNum('function', node.metrics, 'invocations');
  }
  if (functions === 0) return null;
  return { ratio: invocations > 0 ? coldStarts / invocations : 0, coldStarts, invocations };
}
