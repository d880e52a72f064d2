import { useMemo, useState } from 'react';
import type { Result } from '../../engine/result';
import { breakdownRows, billNodes, monthFactor } from './bill-rows';
import { ChartCard } from './ChartCard';
import { PALETTE, useChartFontSize } from './chart-theme';
import { slug } from './export/download';

type Period = 'month' | 'run';

/** Where the money goes: one bar per node, split by line item. */
export function BillChart({ result }: { result: Result }) {
  const fontSize = useChartFontSize();
  const [period, setPeriod] = useState<Period>('month');
  const scale = period === 'month' ? monthFactor(result) : 1;
  const { rows, items, intervals } = useMemo(() => {
    const nodes = billNodes(result).filter((n) => n.totalUsd > 0);
    const b = breakdownRows(nodes, scale);
    // With replications, each node's cost has its interval: a whisker on its bar.
    const reps = result.replications;
    const ivs = reps
      ? nodes.map((n): [number, number] | null => {
          const iv = reps.nodes[n.id]?.costUsd;
          return iv && iv.n >= 2 ? [iv.lo * scale, iv.hi * scale] : null;
        })
      : null;
    return { ...b, intervals: ivs };
  }, [result, scale]);
  const colors = useMemo(() => items.map((_, i) => PALETTE[i % PALETTE.length]), [items]);
  if (rows.length === 0) return <p className="results-empty">Nothing on this run’s bill cost money.</p>;
  const reps = result.replications?.count ?? 1;
  return (
    <div className="bill-chart">
      <div className="segmented" role="group" aria-label="Cost period">
        {(['month', 'run'] as const).map((p) => (
          <button key={p} type="button" aria-pressed={period === p} onClick={() => setPeriod(p)}>
            {p === 'month' ? 'Per month' : 'This run'}
          </button>
        ))}
      </div>
      <ChartCard
        title="Cost by node"
        caption={
          (period === 'month' ? 'USD per 30-day month at this rate' : 'USD for the simulated period') +
          (intervals ? ` · mean of ${reps} runs, whiskers: 95 % interval` : '')
        }
        legend={items.map((name, i) => ({ label: name, color: colors[i] }))}
        resetKey={result}
        fileName={`${slug(result.scenario)}-cost-${period}`}
        className="chart-card-wide"
        height={`${4 + rows.length * 3}rem`}
      >
        {(P) => (
          <P.BillPlot
            rows={rows as { node: string }[]}
            items={items}
            colors={colors}
            intervals={intervals}
            fontSize={fontSize}
          />
        )}
      </ChartCard>
    </div>
  );
}
