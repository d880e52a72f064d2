import { useMemo, useState, type PointerEvent } from 'react';
import type { Result } from '../../engine/result';
import { billNodes, monthFactor } from '../results/bill-rows';
import { ChartCard } from '../results/ChartCard';
import { axisWidth, useChartFontSize } from '../results/chart-theme';
import { fmtClock, fmtCount, fmtDuration, fmtMs, fmtPercent, fmtUsd } from '../results/format';
import { ChartFrame, XAxisLabels, YGrid, niceTicks, timeTicks, type Tip } from '../results/svg-chart';
import { tickValue, tooltipValue } from '../results/value-format';
import type { CompareEntry } from './compare-store';
import { OVERLAYS, figuresOf, overlayLine, type Figures, type OverlaySpec } from './side-by-side-data';

interface Column {
  entry: CompareEntry;
  result: Result | null;
  /** Why there is no result (the run failed, was stopped, or is under way). */
  note: string;
  color: string;
}

const ROWS: { label: string; cell(f: Figures): string; best?: (f: Figures) => number }[] = [
  { label: 'Cost per month', cell: (f) => fmtUsd(f.monthlyCostUsd), best: (f) => f.monthlyCostUsd },
  { label: 'Cost of this run', cell: (f) => fmtUsd(f.runCostUsd) },
  { label: 'Requests', cell: (f) => fmtCount(f.requests) },
  { label: 'Latency p50', cell: (f) => fmtMs(f.p50), best: (f) => f.p50 },
  { label: 'Latency p95', cell: (f) => fmtMs(f.p95), best: (f) => f.p95 },
  { label: 'Latency p99', cell: (f) => fmtMs(f.p99), best: (f) => f.p99 },
  { label: 'Failed', cell: (f) => fmtPercent(f.failed) },
  { label: 'Dropped', cell: (f) => fmtPercent(f.dropped) },
  { label: 'Cold starts', cell: (f) => (f.coldStartRatio === null ? '—' : fmtPercent(f.coldStartRatio)) },
  { label: 'Utilisation', cell: (f) => (f.utilisation === null ? '—' : fmtPercent(f.utilisation)) },
];

/** The scenarios' results next to each other: a table of figures, the bills by node, and overlaid series. */
export function SideBySide({ columns, durationSeconds }: { columns: Column[]; durationSeconds: number }) {
  const figures = columns.map((c) => (c.result ? figuresOf(c.result) : null));
  return (
    <div className="compare-side">
      <div className="compare-table-wrap">
        <table className="compare-table" aria-label="Side by side">
          <caption>
            Each scenario run for {fmtDuration(durationSeconds)} with the same seed. Per month means the same
            traffic for 30 days; the best value of a row is in bold.
          </caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              {columns.map((c) => (
                <th key={c.entry.key} scope="col" className="num">
                  <span className="compare-swatch" style={{ background: c.color }} aria-hidden="true" />
                  {c.entry.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => {
              const vals = row.best ? figures.map((f) => (f ? row.best!(f) : Infinity)) : [];
              const min = vals.length ? Math.min(...vals) : NaN;
              return (
                <tr
                  key={row.label}
                  className={row.label === 'Cost per month' ? 'compare-row-accent' : undefined}
                >
                  <th scope="row">{row.label}</th>
                  {columns.map((c, i) => {
                    const f = figures[i];
                    const best =
                      f && row.best && vals.filter((v) => v === min).length === 1 && vals[i] === min;
                    return (
                      <td key={c.entry.key} className={best ? 'num compare-best' : 'num'}>
                        {f ? row.cell(f) : <span className="compare-note">{c.note}</span>}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3 className="compare-subhead">Monthly bill by node</h3>
      <div className="compare-bills">
        {columns.map((c) => (
          <BillColumn key={c.entry.key} column={c} />
        ))}
      </div>
      <h3 className="compare-subhead">Over time</h3>
      <div className="compare-overlays">
        {OVERLAYS.map((spec) => (
          <OverlayChart key={spec.id} spec={spec} columns={columns} />
        ))}
      </div>
    </div>
  );
}

/** One scenario's bill per month: nodes most expensive first, each with its line items folded under it. */
function BillColumn({ column }: { column: Column }) {
  const { entry, result, color, note } = column;
  return (
    <section className="compare-bill" aria-label={`Bill of ${entry.name}`}>
      <h4>
        <span className="compare-swatch" style={{ background: color }} aria-hidden="true" />
        {entry.name}
        {result ? (
          <span className="compare-bill-total">{fmtUsd(result.totals.monthlyCostUsd)} / month</span>
        ) : null}
      </h4>
      {result ? <BillList result={result} /> : <p className="compare-note">{note}</p>}
    </section>
  );
}

function BillList({ result }: { result: Result }) {
  const nodes = billNodes(result);
  const factor = monthFactor(result);
  if (nodes.length === 0) return <p className="compare-note">Nothing on the bill.</p>;
  return (
    <ul className="compare-bill-nodes">
      {nodes.map((n) => (
        <li key={n.id}>
          <details>
            <summary>
              <span>
                {n.label} <span className="bill-kind">{n.kind}</span>
              </span>
              <strong>{fmtUsd(n.monthlyUsd)}</strong>
            </summary>
            <ul className="compare-bill-items">
              {n.items.map((item) => (
                <li key={item.name}>
                  <span>{item.name}</span>
                  <span>{fmtUsd(item.usd * factor)}</span>
                </li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  );
}

const MARGIN = { top: 10, right: 16, bottom: 24 };

/** One line per scenario over the run's time. */
function OverlayChart({ spec, columns }: { spec: OverlaySpec; columns: Column[] }) {
  const fontSize = useChartFontSize();
  const lines = useMemo(
    () =>
      columns.flatMap((c) =>
        c.result
          ? [
              {
                name: c.entry.name,
                color: c.color,
                line: overlayLine(c.result, spec.id),
                span: c.result.simulatedSeconds,
              },
            ]
          : [],
      ),
    [columns, spec.id],
  );
  const drawn = lines.filter((l) => l.line !== null && l.line.v.some((v) => v > 0));
  if (drawn.length === 0) {
    return (
      <div className="chart-card chart-card-quiet" role="note" aria-label={spec.title}>
        <h4 className="chart-card-title">{spec.title}</h4>
        <p>None in any of the scenarios.</p>
      </div>
    );
  }
  // The same seed gives the same traffic: lines on top of each other would look like one.
  const same = drawn.length > 1 && drawn.every((l) => sameLine(l.line!.v, drawn[0].line!.v));
  return (
    <ChartCard
      title={spec.title}
      caption={same ? `${spec.caption} · the same in every scenario (the lines coincide)` : spec.caption}
      legend={drawn.map((l) => ({ label: l.name, color: l.color }))}
      fileName={`compare-${spec.id}`}
      resetKey={lines}
    >
      <OverlayPlot
        spec={spec}
        lines={drawn.map((l) => ({ name: l.name, color: l.color, t: l.line!.t, v: l.line!.v }))}
        span={Math.max(...drawn.map((l) => l.span))}
        fontSize={fontSize}
      />
    </ChartCard>
  );
}

function OverlayPlot({
  spec,
  lines,
  span,
  fontSize,
}: {
  spec: OverlaySpec;
  lines: { name: string; color: string; t: number[]; v: number[] }[];
  span: number;
  fontSize: number;
}) {
  const [tip, setTip] = useState<Tip | null>(null);
  let max = 0;
  for (const l of lines) for (const v of l.v) if (v > max) max = v;
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1] || 1;
  const fmtTick = (v: number) => tickValue(v, spec.format);
  const yWidth = axisWidth(ticks.map(fmtTick), fontSize);
  return (
    <ChartFrame label={`${spec.title}: ${lines.map((l) => l.name).join(', ')}`} tip={tip}>
      {({ width, height }) => {
        const left = yWidth;
        const right = Math.max(left + 10, width - MARGIN.right);
        const bottom = Math.max(MARGIN.top + 10, height - MARGIN.bottom);
        const x = (t: number) => left + (span > 0 ? (t / span) * (right - left) : 0);
        const y = (v: number) => bottom - (v / top) * (bottom - MARGIN.top);
        const onMove = (e: PointerEvent<SVGRectElement>) => {
          const box = e.currentTarget.getBoundingClientRect();
          const t = ((e.clientX - box.left) / (right - left)) * span;
          setTip({
            x: x(t),
            y: e.clientY - box.top + MARGIN.top,
            title: `at ${fmtClock(t, span)}`,
            rows: lines.map((l) => ({
              label: l.name,
              value: tooltipValue(l.v[nearest(l.t, t)] ?? 0, spec.format),
              color: l.color,
            })),
          });
        };
        return (
          <>
            <YGrid ticks={ticks} y={y} left={left} right={right} format={fmtTick} fontSize={fontSize} />
            {lines.map((l) => (
              <path
                key={l.name}
                className="chart-area-line"
                d={l.t
                  .map((t, i) => `${i === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(l.v[i]).toFixed(1)}`)
                  .join('')}
                fill="none"
                stroke={l.color}
                strokeWidth={2}
                strokeLinejoin="round"
              />
            ))}
            <XAxisLabels
              items={timeTicks(span, Math.max(2, Math.floor((right - left) / (fontSize * 5.5)))).map((t) => ({
                x: x(t),
                label: fmtClock(t, span),
              }))}
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
              onPointerLeave={() => setTip(null)}
            />
          </>
        );
      }}
    </ChartFrame>
  );
}

function nearest(ts: number[], t: number): number {
  let best = 0;
  for (let i = 1; i < ts.length; i++) if (Math.abs(ts[i] - t) < Math.abs(ts[best] - t)) best = i;
  return best;
}

function sameLine(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= 1e-9 * Math.max(1, Math.abs(v)));
}
