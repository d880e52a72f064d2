import { useMemo } from 'react';
import { compareCosts, type CostComparison } from '../../engine/compare/significance';
import type { Column } from './side-columns';
import { trafficText } from './side-by-side-data';

/**
 * Whether the cheapest design is really cheaper than each of the others at this load: the
 * paired difference of their monthly costs over the runs, and its 95 % interval.
 */
export function SignificanceNote({ columns }: { columns: Column[] }) {
  const comparisons = useMemo(() => {
    const done = columns.filter((c) => c.result);
    if (done.length < 2) return [];
    const designs = done.map((c) => ({
      name: c.entry.name,
      monthlyCostUsd: c.result!.replications?.samples.monthlyCostUsd ?? [c.result!.totals.monthlyCostUsd],
      traffic: trafficText(c.entry.doc),
    }));
    const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const cheapest = designs.reduce((a, b) => (mean(b.monthlyCostUsd) < mean(a.monthlyCostUsd) ? b : a));
    const load =
      designs.every((d) => d.traffic === cheapest.traffic) && cheapest.traffic
        ? `at this load (${cheapest.traffic})`
        : 'at this load';
    return designs.filter((d) => d !== cheapest).map((d): CostComparison => compareCosts(cheapest, d, load));
  }, [columns]);
  if (comparisons.length === 0) return null;
  return (
    <ul className="significance" aria-label="Is the difference real?">
      {comparisons.map((c) => (
        <li key={c.dearer} data-significant={c.significant}>
          {capitalise(c.sentence)}.
        </li>
      ))}
    </ul>
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
