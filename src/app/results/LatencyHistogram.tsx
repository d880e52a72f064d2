import { useMemo, useState, type PointerEvent } from 'react';
import type { Result } from '../../engine/result';
import { ChartCard } from './ChartCard';
import { axisWidth, useChartFontSize } from './chart-theme';
import { slug } from './export/download';
import { fmtCount, fmtMs } from './format';
import { binIndexOf, latencyBins, shortMs, type LatencyBin } from './latency-bins';
import { ChartFrame, niceIntTicks, XAxisLabels, YGrid, type Tip } from './svg-chart';

const MARKERS = [
  { key: 'p50', color: 'var(--chart-green)' },
  { key: 'p95', color: 'var(--chart-amber)' },
  { key: 'p99', color: 'var(--chart-red)' },
] as const;

/** End-to-end latency of every request that finished, on a log scale, with p50/p95/p99 marked. */
export function LatencyHistogram({ result }: { result: Result }) {
  const fontSize = useChartFontSize();
  const bins = useMemo(() => latencyBins(result.latencyHistogram), [result]);
  const lat = result.totals.latencyMs;
  if (bins.length === 0) {
    return (
      <p className="results-empty">No request finished during the run, so there is no latency to show.</p>
    );
  }
  return (
    <ChartCard
      title="Latency"
      caption="end to end, requests per bin (log scale)"
      legend={MARKERS.map((m) => ({ label: `${m.key} ${fmtMs(lat[m.key])}`, color: m.color, dashed: true }))}
      resetKey={result}
      fileName={`${slug(result.scenario)}-latency`}
      className="chart-card-wide"
    >
      <HistogramPlot
        bins={bins}
        markers={MARKERS.map((m) => ({ ...m, at: binIndexOf(bins, lat[m.key]) }))}
        fontSize={fontSize}
      />
    </ChartCard>
  );
}

const MARGIN = { top: 26, right: 16, bottom: 24 };

function HistogramPlot({
  bins,
  markers,
  fontSize,
}: {
  bins: LatencyBin[];
  markers: { key: string; color: string; at: number }[];
  fontSize: number;
}) {
  const [tip, setTip] = useState<Tip | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const ticks = niceIntTicks(Math.max(...bins.map((b) => b.count)));
  const top = ticks[ticks.length - 1] || 1;
  const left = axisWidth(
    ticks.map((t) => fmtCount(t)),
    fontSize,
  );
  return (
    <ChartFrame
      label={`Latency histogram: ${bins.length} bins from ${shortMs(bins[0].loMs)} to ${shortMs(bins[bins.length - 1].hiMs)}`}
      tip={tip}
    >
      {({ width, height }) => {
        const right = Math.max(left + 10, width - MARGIN.right);
        const bottom = Math.max(MARGIN.top + 10, height - MARGIN.bottom);
        const band = (right - left) / bins.length;
        const y = (v: number) => bottom - (v / top) * (bottom - MARGIN.top);
        const centre = (i: number) => left + (i + 0.5) * band;
        // Labels about 5 em apart, on whole bins.
        const every = Math.max(1, Math.ceil((fontSize * 5) / band));
        const labels = bins
          .map((b, i) => ({ x: centre(i), label: b.label }))
          .filter((_, i) => i % every === 0);
        const onMove = (e: PointerEvent<SVGRectElement>) => {
          const box = e.currentTarget.getBoundingClientRect();
          const i = Math.min(bins.length - 1, Math.max(0, Math.floor((e.clientX - box.left) / band)));
          const b = bins[i];
          setHover(i);
          setTip({
            x: centre(i),
            y: e.clientY - box.top + MARGIN.top,
            title: `${shortMs(b.loMs)} – ${shortMs(b.hiMs)}`,
            rows: [{ label: 'Requests', value: fmtCount(b.count), color: 'var(--chart-blue)' }],
          });
        };
        const leave = () => {
          setTip(null);
          setHover(null);
        };
        return (
          <>
            <YGrid
              ticks={ticks}
              y={y}
              left={left}
              right={right}
              format={(v) => fmtCount(v)}
              fontSize={fontSize}
            />
            {hover !== null ? (
              <rect
                x={left + hover * band}
                y={MARGIN.top}
                width={band}
                height={bottom - MARGIN.top}
                fill="var(--chart-grid)"
              />
            ) : null}
            <g className="chart-bars">
              {bins.map((b, i) =>
                b.count > 0 ? (
                  <rect
                    key={i}
                    className="chart-bar"
                    x={left + i * band + 0.5}
                    y={y(b.count)}
                    width={Math.max(1, band - 1)}
                    height={Math.max(1, bottom - y(b.count))}
                    rx={Math.min(3, band / 4)}
                    fill="var(--chart-blue)"
                    fillOpacity={0.85}
                  />
                ) : null,
              )}
            </g>
            {placeMarkerLabels(
              markers.map((m) => centre(m.at)),
              fontSize * 2.6,
              right,
            ).map((lx, k) => {
              const m = markers[k];
              return (
                <g key={m.key} className="chart-marker" data-marker={m.key}>
                  <line
                    x1={centre(m.at)}
                    x2={centre(m.at)}
                    y1={MARGIN.top}
                    y2={bottom}
                    stroke={m.color}
                    strokeWidth={2}
                    strokeDasharray="6 4"
                  />
                  <text
                    x={lx}
                    y={MARGIN.top - 7}
                    textAnchor="middle"
                    fill="var(--chart-text)"
                    fontSize={fontSize}
                    fontWeight={600}
                  >
                    {m.key}
                  </text>
                </g>
              );
            })}
            <XAxisLabels items={labels} y={bottom} left={left} right={right} fontSize={fontSize} />
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

/** Label positions near their markers, pushed apart so that close percentiles stay readable. */
function placeMarkerLabels(xs: number[], minGap: number, right: number): number[] {
  const out: number[] = [];
  for (const x of xs) out.push(out.length > 0 ? Math.max(x, out[out.length - 1] + minGap) : x);
  // Pushed past the right edge: slide the whole group back.
  const over = out.length > 0 ? out[out.length - 1] - (right - minGap / 2) : 0;
  return over > 0 ? out.map((x) => x - over) : out;
}
