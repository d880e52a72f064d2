import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { Result } from '../../engine/result';
import { breakdownRows, billNodes, monthFactor } from './bill-rows';
import { ChartCard } from './ChartCard';
import { PALETTE, useChartFontSize } from './chart-theme';
import { slug } from './export/download';
import { fmtUsd } from './format';

type Period = 'month' | 'run';

/** Where the money goes: one bar per node, split by line item. */
export function BillChart({ result }: { result: Result }) {
  const fontSize = useChartFontSize();
  const [period, setPeriod] = useState<Period>('month');
  const scale = period === 'month' ? monthFactor(result) : 1;
  const { rows, items } = useMemo(() => breakdownRows(billNodes(result), scale), [result, scale]);
  if (rows.length === 0) return <p className="results-empty">Nothing on this run’s bill cost money.</p>;
  const tick = { fontSize, fill: 'var(--chart-text)' };
  const color = (i: number) => PALETTE[i % PALETTE.length];
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
        caption={period === 'month' ? 'USD per 30-day month at this rate' : 'USD for the simulated period'}
        legend={items.map((name, i) => ({ label: name, color: color(i) }))}
        fileName={`${slug(result.scenario)}-cost-${period}`}
        className="chart-card-wide"
        height={`${4 + rows.length * 3}rem`}
      >
        <BarChart
          responsive
          layout="vertical"
          data={rows}
          style={{ width: '100%', height: '100%' }}
          margin={{ top: 8, right: 24, bottom: 0, left: 8 }}
          barCategoryGap="25%"
        >
          <CartesianGrid stroke="var(--chart-grid)" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => fmtUsd(v)} tick={tick} stroke="var(--chart-axis)" />
          <YAxis type="category" dataKey="node" width="auto" tick={tick} stroke="var(--chart-axis)" />
          <Tooltip
            isAnimationActive={false}
            cursor={{ fill: 'var(--chart-grid)' }}
            formatter={(v, name) => [fmtUsd(Number(v)), name]}
            contentStyle={{ background: 'var(--results-surface)', border: '1px solid var(--results-border)', color: 'var(--results-text)', fontSize }}
            labelStyle={{ color: 'var(--results-muted)' }}
          />
          {items.map((name, i) => (
            <Bar key={name} dataKey={name} name={name} stackId="cost" fill={color(i)} isAnimationActive={false} />
          ))}
        </BarChart>
      </ChartCard>
    </div>
  );
}
