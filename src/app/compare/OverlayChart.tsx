import { useMemo } from 'react';
import { ChartCard } from '../results/ChartCard';
import { useChartFontSize } from '../results/chart-theme';
import { downsampleRows } from '../results/downsample';
import { overlayLine, type OverlaySpec } from './side-by-side-data';
import type { Column } from './side-columns';

/**
 * One line per design over the run's time (each design's series summed, downsampled by
 * min/max buckets), drawn by the results' series plot.
 */
export function OverlayChart({ spec, columns }: { spec: OverlaySpec; columns: Column[] }) {
  const fontSize = useChartFontSize();
  const drawn = useMemo(
    () =>
      columns.flatMap((c) => {
        const line = c.result ? overlayLine(c.result, spec.id) : null;
        return line && line.v.some((v) => v > 0)
          ? [{ name: c.entry.name, color: c.color, line, span: c.result!.simulatedSeconds }]
          : [];
      }),
    [columns, spec.id],
  );
  const { rows, lines, span } = useMemo(() => {
    if (drawn.length === 0) return { rows: [], lines: [], span: 0 };
    // The longest time axis; a shorter series reads as 0 past its end.
    const longest = drawn.reduce((a, b) => (b.line.t.length > a.line.t.length ? b : a));
    const t = longest.line.t;
    return {
      rows: downsampleRows(
        t,
        drawn.map((d, i) => ({ key: `d${i}`, values: t.map((_, j) => d.line.v[j] ?? 0) })),
      ),
      lines: drawn.map((d, i) => ({ key: `d${i}`, label: d.name, color: d.color })),
      span: Math.max(...drawn.map((d) => d.span)),
    };
  }, [drawn]);
  if (drawn.length === 0) {
    return (
      <div className="chart-card chart-card-quiet" role="note" aria-label={spec.title}>
        <h4 className="chart-card-title">{spec.title}</h4>
        <p>None in any of the designs.</p>
      </div>
    );
  }
  // The same seed gives the same traffic: lines on top of each other would look like one.
  const same = drawn.length > 1 && drawn.every((l) => sameLine(l.line.v, drawn[0].line.v));
  return (
    <ChartCard
      title={spec.title}
      caption={same ? `${spec.caption} · the same in every design (the lines coincide)` : spec.caption}
      legend={drawn.map((l) => ({ label: l.name, color: l.color }))}
      fileName={`compare-${spec.id}`}
      resetKey={rows}
    >
      {(P) => (
        <P.SeriesPlot
          rows={rows}
          lines={lines}
          format={spec.format}
          span={span}
          limit={null}
          banded={false}
          fontSize={fontSize}
          label={`${spec.title}: ${lines.map((l) => l.label).join(', ')}`}
        />
      )}
    </ChartCard>
  );
}

function sameLine(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= 1e-9 * Math.max(1, Math.abs(v)));
}
