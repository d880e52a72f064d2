import { KINDS } from '../../engine/kinds/registry';
import type { MetricName, NodeKind } from '../../engine/kinds/names';
import type { Result } from '../../engine/result';
import type { Interval } from '../../engine/stats/interval';
import type { SummaryInterval } from '../../engine/stats/replications';
import { humanize } from './series-groups';
import { fmtCount, fmtMs, fmtUsd } from './format';

/** The figures per node worth a decision, in this order when a node has them. */
export const KEY_METRICS: readonly MetricName[] = [
  'invocations',
  'requests',
  'coldStarts',
  'throttles',
  'errors',
  'meanConcurrency',
  'meanInstances',
  'meanUtilization',
  'meanDepth',
  'maxAgeSeconds',
  'maxIteratorAgeSeconds',
];

/** The Summary a node's kind reads as its latency (a function's duration, a gateway's latency). */
function latencyOf(kind: string): string | undefined {
  return Object.hasOwn(KINDS, kind) ? KINDS[kind as NodeKind].serviceMap.latency : undefined;
}

function isInterval(v: Interval | SummaryInterval): v is Interval {
  return typeof (v as Interval).halfWidth === 'number';
}

function pm(iv: Interval, fmt: (x: number) => string): string {
  return iv.n >= 2 && iv.halfWidth > 0 ? `${fmt(iv.mean)} ± ${fmt(iv.halfWidth)}` : fmt(iv.mean);
}

/** Each node's means over the replications with their 95 % intervals: cost, key counts, duration. */
export function NodeIntervals({ result }: { result: Result }) {
  const s = result.replications;
  if (!s) return null;
  const rows = Object.entries(s.nodes).filter(([id]) => result.nodes[id]);
  return (
    <div className="node-intervals">
      <table className="node-intervals-table">
        <caption>Per node: mean ± 95 % interval over {s.count} runs</caption>
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Cost of a run</th>
            <th scope="col">Latency or duration, mean</th>
            <th scope="col">Key figures</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([id, n]) => {
            const latency = latencyOf(result.nodes[id].kind);
            const summary = (latency ? n.metrics[latency] : undefined) as SummaryInterval | undefined;
            const figures = KEY_METRICS.flatMap((k) => {
              const v = n.metrics[k];
              if (!v || !isInterval(v) || (v.mean === 0 && v.halfWidth === 0)) return [];
              const fmt = k === 'meanUtilization' ? (x: number) => `${(x * 100).toFixed(1)} %` : fmtCount;
              return [`${humanize(k).toLowerCase()} ${pm(v, fmt)}`];
            });
            return (
              <tr key={id}>
                <th scope="row">{result.nodes[id].label}</th>
                <td>{pm(n.costUsd, fmtUsd)}</td>
                <td>{summary && !isInterval(summary) ? pm(summary.mean, fmtMs) : '—'}</td>
                <td>{figures.join(' · ') || '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
