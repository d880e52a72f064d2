import type { MetricValue, Summary } from '../engine/kinds/vocabulary';
import type { Result } from '../engine/result';
import type { Interval } from '../engine/stats/interval';
import type { ReplicationStats, SummaryInterval } from '../engine/stats/replications';

/** A person-readable summary of a result: totals, then each node's key figures and bill. */
export function formatSummary(r: Result): string {
  const t = r.totals;
  const lines: string[] = [];
  lines.push(
    `${r.scenario} — ${fmtDuration(r.simulatedSeconds)} simulated, seed ${r.seed}, ${r.engine.events.toLocaleString('en-US')} events in ${r.engine.wallMs} ms`,
  );
  if (r.incomplete) lines.push(`INCOMPLETE (${r.incomplete.reason}): ${r.incomplete.message}`);
  if (r.replications) return [...lines, '', ...formatReplications(r, r.replications)].join('\n');
  lines.push('');
  lines.push(
    `Requests ${int(t.requests)}: completed ${int(t.completed)}, failed ${int(t.failed)}, dead-lettered ${int(t.deadLettered)}, dropped ${int(t.dropped)}, in flight ${int(t.inFlight)}`,
  );
  lines.push(`Latency  ${summary(t.latencyMs)}`);
  lines.push(
    `Cost     ${usd(t.costUsd)} for this run · ${usd(t.monthlyCostUsd)} per 30-day month at this rate`,
  );
  for (const [id, n] of Object.entries(r.nodes)) {
    lines.push('');
    lines.push(`${n.label} [${id}, ${n.kind}]  ${usd(n.cost.totalUsd)}`);
    const metrics = Object.entries(n.metrics)
      .map(([k, v]) => `${k} ${metric(v)}`)
      .join(' · ');
    if (metrics) lines.push(`  ${metrics}`);
    for (const item of n.cost.items) {
      if (item.quantity === 0 && item.usd === 0) continue;
      lines.push(
        `  $ ${item.name}: ${qty(item.quantity)} ${item.unit} × ${unitPrice(item.unitUsd)} = ${usd(item.usd)}`,
      );
    }
  }
  if (r.warnings.length) {
    lines.push('');
    for (const w of r.warnings) lines.push(`warning: ${w}`);
  }
  return lines.join('\n');
}

function metric(v: MetricValue): string {
  if (typeof v === 'number') return qty(v);
  if (Array.isArray(v)) return `[${v.map(qty).join(', ')}]`;
  return summary(v);
}

function summary(s: Summary): string {
  return `mean ${ms(s.mean)} · p50 ${ms(s.p50)} · p95 ${ms(s.p95)} · p99 ${ms(s.p99)} · max ${ms(s.max)}`;
}

function ms(x: number): string {
  return x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ms`;
}

function int(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

function qty(x: number): string {
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  return Math.abs(x) >= 100
    ? x.toLocaleString('en-US', { maximumFractionDigits: 1 })
    : x.toPrecision(4).replace(/\.?0+$/, '');
}

function usd(x: number): string {
  if (x === 0) return '$0';
  if (Math.abs(x) >= 1)
    return `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `$${x.toPrecision(3)}`;
}

/** Tiny unit prices read better per million units, as AWS quotes them. */
function unitPrice(x: number): string {
  if (x === 0) return '$0';
  if (x < 0.001) return `$${trim((x * 1e6).toPrecision(4))} per million`;
  return `$${trim(x.toPrecision(4))}`;
}

function trim(s: string): string {
  return s.includes('.')
    ? s
        .replace(/0+$/, '')
        .replace(/\.$/, '.00')
        .replace(/\.(\d)$/, '.$10')
    : s;
}

function fmtDuration(s: number): string {
  if (s >= 86400) return `${(s / 86400).toFixed(s % 86400 ? 1 : 0)} d`;
  if (s >= 3600) return `${(s / 3600).toFixed(s % 3600 ? 1 : 0)} h`;
  if (s >= 60) return `${(s / 60).toFixed(s % 60 ? 1 : 0)} min`;
  return `${s} s`;
}

/**
 * The figures of a replicated run: each as mean ± half-width of its 95 % interval over the
 * replications (Student's t), then each node's means and costs the same way.
 */
function formatReplications(r: Result, s: ReplicationStats): string[] {
  const t = s.totals;
  const lines: string[] = [];
  lines.push(
    `${s.count} replications (seeds ${s.seeds.slice(0, 4).join(', ')}${s.count > 4 ? ', …' : ''}); every figure is mean ± 95 % confidence interval (Student's t)`,
  );
  if (s.incomplete > 0) lines.push(`${s.incomplete} of them stopped early: their figures are partial`);
  lines.push('');
  lines.push(
    `Requests ${pm(t.requests, int)}: completed ${pm(t.completed, int)}, failed ${pm(t.failed, int)}, dead-lettered ${pm(t.deadLettered, int)}, dropped ${pm(t.dropped, int)}, in flight ${pm(t.inFlight, int)}`,
  );
  lines.push(`Latency  ${summaryPm(t.latencyMs)}`);
  lines.push(
    `Rates    errors ${pm(t.errorRate, pct)}${t.coldStartRate ? ` · cold starts ${pm(t.coldStartRate, pct)} of invocations` : ''}`,
  );
  lines.push(
    `Cost     ${pm(t.costUsd, usd)} for this run · ${pm(t.monthlyCostUsd, usd)} per 30-day month at this rate`,
  );
  for (const [id, n] of Object.entries(s.nodes)) {
    const node = r.nodes[id];
    lines.push('');
    lines.push(`${node.label} [${id}, ${node.kind}]  ${pm(n.costUsd, usd)}`);
    const metrics = Object.entries(n.metrics)
      .map(([k, v]) => `${k} ${isInterval(v) ? pm(v, qty) : summaryPm(v)}`)
      .join(' · ');
    if (metrics) lines.push(`  ${metrics}`);
  }
  if (r.warnings.length) {
    lines.push('');
    for (const w of r.warnings) lines.push(`warning: ${w}`);
  }
  return lines;
}

function isInterval(v: Interval | SummaryInterval): v is Interval {
  return typeof (v as Interval).halfWidth === 'number';
}

/** "12.3 ± 0.4", or the mean alone when the replications all agree. */
function pm(iv: Interval, f: (x: number) => string): string {
  return iv.halfWidth > 0 ? `${f(iv.mean)} ± ${f(iv.halfWidth)}` : f(iv.mean);
}

function summaryPm(s: SummaryInterval): string {
  return `mean ${pm(s.mean, ms)} · p50 ${pm(s.p50, ms)} · p95 ${pm(s.p95, ms)} · p99 ${pm(s.p99, ms)} · max ${pm(s.max, ms)}`;
}

function pct(x: number): string {
  return `${(x * 100).toPrecision(3).replace(/\.?0+$/, '')} %`;
}
