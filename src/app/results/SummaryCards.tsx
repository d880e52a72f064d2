import type { Result } from '../../engine/result';
import { fmtCount, fmtDuration, fmtMs, fmtPercent, fmtUsd } from './format';

/** The run at a glance: where requests ended, how long they took, what it costs. */
export function SummaryCards({ result }: { result: Result }) {
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
      <div className="summary-card-label">Where requests ended</div>
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
    coldStarts += Number(node.metrics.coldStarts ?? 0);
    invocations += Number(node.metrics.invocations ?? 0);
  }
  if (functions === 0) return null;
  return { ratio: invocations > 0 ? coldStarts / invocations : 0, coldStarts, invocations };
}
