import { useMemo, useState, type PointerEvent } from 'react';
import type { Result } from '../../engine/result';
import { breakdownRows, billNodes, monthFactor } from './bill-rows';
import { ChartCard } from './ChartCard';
import { axisWidth, PALETTE, useChartFontSize } from './chart-theme';
import { slug } from './export/download';
import { fmtUsd } from './format';
import { ChartFrame, niceTicks, XAxisLabels, type Tip } from './svg-chart';

type Period = 'month' | 'run';

/** Where the money goes: one bar per node, split by line item. */
export function BillChart({ result }: { result: Result }) {
  const fontSize = useChartFontSize();
  const [period, setPeriod] = useState<Period>('month');
  const scale = period === 'month' ? monthFactor(result) : 1;
  const { rows, items } = useMemo(() => breakdownRows(billNodes(result), scale), [result, scale]);
  if (rows.length === 0) return <p className="results-empty">Nothing on this run’s bill cost money.</p>;
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
        resetKey={result}
        fileName={`${slug(result.scenario)}-cost-${period}`}
        className="chart-card-wide"
        height={`${4 + rows.length * 3}rem`}
      >
        <BillPlot rows={rows} items={items} color={color} fontSize={fontSize} />
      </ChartCard>
    </div>
  );
}

const MARGIN = { top: 8, right: 24, bottom: 24 };

/** One horizontal bar per node, stacked by line item; hover names the items and their cost. */
function BillPlot({
  rows,
  items,
  color,
  fontSize,
}: {
  rows: Record<string, number | string>[];
  items: string[];
  color(i: number): string;
  fontSize: number;
}) {
  const [tip, setTip] = useState<Tip | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const totals = rows.map((r) => items.reduce((sum, it) => sum + (Number(r[it]) || 0), 0));
  const ticks = niceTicks(Math.max(...totals));
  const top = ticks[ticks.length - 1] || 1;
  const labels = rows.map((r) => String(r.node));
  const left = Math.min(220, axisWidth(labels, fontSize));
  const maxChars = Math.max(4, Math.floor((left - 14) / (fontSize * 0.62)));
  return (
    <ChartFrame
      label={`Cost by node: ${rows.map((r, i) => `${r.node} ${fmtUsd(totals[i])}`).join(', ')}`}
      tip={tip}
    >
      {({ width, height }) => {
        const right = Math.max(left + 10, width - MARGIN.right);
        const bottom = Math.max(MARGIN.top + 10, height - MARGIN.bottom);
        const band = (bottom - MARGIN.top) / Math.max(1, rows.length);
        const x = (v: number) => left + (v / top) * (right - left);
        const onMove = (e: PointerEvent<SVGRectElement>) => {
          const box = e.currentTarget.getBoundingClientRect();
          const i = Math.min(rows.length - 1, Math.max(0, Math.floor((e.clientY - box.top) / band)));
          setHover(i);
          setTip({
            x: e.clientX - box.left + left,
            y: MARGIN.top + (i + 0.5) * band,
            title: `${labels[i]}: ${fmtUsd(totals[i])}`,
            rows: items
              .filter((it) => Number(rows[i][it]) > 0)
              .map((it) => ({
                label: it,
                value: fmtUsd(Number(rows[i][it])),
                color: color(items.indexOf(it)),
              })),
          });
        };
        const leave = () => {
          setTip(null);
          setHover(null);
        };
        return (
          <>
            {ticks.map((t) => (
              <line key={t} x1={x(t)} x2={x(t)} y1={MARGIN.top} y2={bottom} stroke="var(--chart-grid)" />
            ))}
            {hover !== null ? (
              <rect
                x={left}
                y={MARGIN.top + hover * band}
                width={right - left}
                height={band}
                fill="var(--chart-grid)"
              />
            ) : null}
            {rows.map((r, i) => {
              let at = 0;
              const y0 = MARGIN.top + i * band + band * 0.125;
              return (
                <g key={labels[i] + i}>
                  <text
                    x={left - 6}
                    y={MARGIN.top + (i + 0.5) * band}
                    dy="0.32em"
                    textAnchor="end"
                    fill="var(--chart-text)"
                    fontSize={fontSize}
                  >
                    {labels[i].length > maxChars ? `${labels[i].slice(0, maxChars - 1)}…` : labels[i]}
                    <title>{labels[i]}</title>
                  </text>
                  {items.map((it, k) => {
                    const v = Number(r[it]) || 0;
                    if (v <= 0) return null;
                    const x0 = x(at);
                    at += v;
                    return (
                      <rect
                        key={it}
                        className="chart-bar"
                        x={x0}
                        y={y0}
                        width={Math.max(1, x(at) - x0)}
                        height={band * 0.75}
                        fill={color(k)}
                      />
                    );
                  })}
                </g>
              );
            })}
            <line x1={left} x2={left} y1={MARGIN.top} y2={bottom} stroke="var(--chart-axis)" />
            <XAxisLabels
              items={ticks.map((t) => ({ x: x(t), label: fmtUsd(t) }))}
              y={bottom}
              left={left}
              right={right}
              fontSize={fontSize}
            />
            <rect
              x={left}
              y={MARGIN.top}
              width={right - left}
              height={bottom - MARGIN.top}
              fill="transparent"
              onPointerMove={onMove}
              onPointerLeave={leave}
            />
          </>
        );
      }}
    </ChartFrame>
  );
}
