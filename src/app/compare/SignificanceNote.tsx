import { useMemo } from 'react';
import {
  compareCosts,
  compareLatencies,
  type CostComparison,
  type LatencyComparison,
} from '../../engine/compare/significance';
import type { Column } from './side-columns';
import { trafficText } from './side-by-side-data';

/**
 * Whether the cheapest design is really cheaper than each of the others at this load, and the
 * fastest really faster at p95: the paired difference over the runs, and its 95 % interval.
 */
export function SignificanceNote({ columns }: { columns: Column[] }) {
  const { costs, latencies } = useMemo(() => {
    const done = columns.filter((c) => c.result);
    if (done.length < 2) return { costs: [], latencies: [] };
    const designs = done.map((c) => ({
      name: c.entry.name,
      monthlyCostUsd: c.result!.replications?.samples.monthlyCostUsd ?? [c.result!.totals.monthlyCostUsd],
      latencyP95Ms: c.result!.replications?.samples.latencyP95Ms ?? [c.result!.totals.latencyMs.p95],
      traffic: trafficText(c.entry.doc),
    }));
    type D = (typeof designs)[number];
    const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const best = (among: D[], figure: (d: D) => readonly number[]) =>
      among.reduce((a, b) => (mean(figure(b)) < mean(figure(a)) ? b : a));
    const cheapest = best(designs, (d) => d.monthlyCostUsd);
    const load =
      designs.every((d) => d.traffic === cheapest.traffic) && cheapest.traffic
        ? `at this load (${cheapest.traffic})`
        : 'at this load';
    const costs = designs
      .filter((d) => d !== cheapest)
      .map((d): CostComparison => compareCosts(cheapest, d, load));
    // A design that answered nothing has no latency to compare.
    const timed = designs.filter((d) => d.latencyP95Ms.every(Number.isFinite));
    const fastest = timed.length >= 2 ? best(timed, (d) => d.latencyP95Ms) : null;
    const latencies = fastest
      ? timed.filter((d) => d !== fastest).map((d): LatencyComparison => compareLatencies(fastest, d, load))
      : [];
    return { costs, latencies };
  }, [columns]);
  if (costs.length === 0) return null;
  return (
    <div className="significance-notes">
      <ul className="significance" aria-label="Is the difference real?">
        {costs.map((c) => (
          <li key={c.dearer} data-significant={c.significant}>
            {capitalise(c.sentence)}.
          </li>
        ))}
      </ul>
      {latencies.length > 0 && (
        <ul className="significance" aria-label="Is the latency difference real?">
          {latencies.map((c) => (
            <li key={c.slower} data-significant={c.significant}>
              {capitalise(c.sentence)}.
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
