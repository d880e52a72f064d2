import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ErrorBar, Tooltip, XAxis, YAxis } from 'recharts';
import { axisWidth } from '../chart-theme';
import { niceTicks } from '../chart-scales';
import { fmtUsd } from '../format';
import { axisStyle, GRID, NO_ANIMATION, PlotBox, TipBox } from './frame';

export interface BillRow {
  node: string;
  /** USD per line item name. */
  [item: string]: number | string;
}

const MARGIN = { top: 8, right: 24, bottom: 0, left: 0 };
/** Keys of a row that are not line items. */
const TOTAL = '__total';
const ERR = '__err';

/**
 * One horizontal bar per node, stacked by line item; with replications a whisker on each
 * bar's total (its 95 % interval). Hover names the items and their cost.
 */
export const BillPlot = memo(function BillPlot({
  rows,
  items,
  colors,
  intervals,
  fontSize,
}: {
  rows: BillRow[];
  items: string[];
  colors: string[];
  /** Per row: the 95 % interval of the node's total ([lo, hi], same unit), or null. */
  intervals: ([number, number] | null)[] | null;
  fontSize: number;
}) {
  const data = useMemo(
    () =>
      rows.map((r, i) => {
        const total = items.reduce((sum, it) => sum + (Number(r[it]) || 0), 0);
        const row: Record<string, number | string> = { ...r, [TOTAL]: total };
        // Every item present (0 when absent): the stack's end is then the total on every row,
        // and the whisker on the last item sits at the total.
        for (const it of items) row[it] = Number(r[it]) || 0;
        const iv = intervals?.[i];
        if (iv) row[ERR] = [Math.max(0, total - iv[0]), Math.max(0, iv[1] - total)] as unknown as number;
        return row;
      }),
    [rows, items, intervals],
  );
  const ticks = useMemo(
    () =>
      niceTicks(
        Math.max(...data.map((r) => Number(r[TOTAL])), ...(intervals ?? []).map((iv) => (iv ? iv[1] : 0))),
      ),
    [data, intervals],
  );
  const labels = rows.map((r) => String(r.node));
  const yWidth = Math.min(220, axisWidth(labels, fontSize));
  const maxChars = Math.max(4, Math.floor((yWidth - 14) / (fontSize * 0.62)));
  const axis = axisStyle(fontSize);
  return (
    <PlotBox label={`Cost by node: ${data.map((r) => `${r.node} ${fmtUsd(Number(r[TOTAL]))}`).join(', ')}`}>
      {({ width, height }) => (
        <BarChart
          width={width}
          height={height}
          data={data}
          layout="vertical"
          margin={MARGIN}
          barCategoryGap="20%"
          accessibilityLayer={false}
        >
          <CartesianGrid {...GRID} horizontal={false} />
          <XAxis
            type="number"
            ticks={ticks}
            domain={[0, ticks[ticks.length - 1] || 1]}
            tickFormatter={fmtUsd}
            height={24}
            {...axis}
          />
          <YAxis
            type="category"
            dataKey="node"
            width={yWidth}
            interval={0}
            tickFormatter={(l: string) => (l.length > maxChars ? `${l.slice(0, maxChars - 1)}…` : l)}
            {...axis}
          />
          <Tooltip
            {...NO_ANIMATION}
            cursor={{ fill: 'var(--chart-grid)' }}
            content={({ active, payload }) => {
              const row = active
                ? (payload?.[0]?.payload as Record<string, number | string> | undefined)
                : undefined;
              if (!row) return null;
              const iv = intervals?.[rows.findIndex((r) => r.node === row.node)];
              return (
                <TipBox
                  title={`${String(row.node)}: ${fmtUsd(Number(row[TOTAL]))}${iv ? ` (95 %: ${fmtUsd(iv[0])} – ${fmtUsd(iv[1])})` : ''}`}
                  rows={items
                    .filter((it) => Number(row[it]) > 0)
                    .map((it) => ({
                      label: it,
                      value: fmtUsd(Number(row[it])),
                      color: colors[items.indexOf(it)],
                    }))}
                />
              );
            }}
          />
          {items.map((it, k) => (
            <Bar
              key={it}
              className="chart-bar"
              dataKey={it}
              stackId="cost"
              fill={colors[k]}
              {...NO_ANIMATION}
            >
              {intervals && k === items.length - 1 ? (
                <ErrorBar
                  dataKey={ERR}
                  direction="x"
                  width={8}
                  stroke="var(--chart-text)"
                  strokeWidth={1.5}
                  {...NO_ANIMATION}
                />
              ) : null}
            </Bar>
          ))}
        </BarChart>
      )}
    </PlotBox>
  );
});
