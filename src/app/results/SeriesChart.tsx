import { useMemo } from 'react';
import type { Result } from '../../engine/result';
import { ChartCard, type LegendItem } from './ChartCard';
import { metricColor, useChartFontSize } from './chart-theme';
import { downsampleRows, type Column } from './downsample';
import { fmtCount } from './format';
import type { ConcurrencyLimit } from './scenario-facts';
import type { ChartSpec } from './series-groups';

interface SeriesChartProps {
  result: Result;
  spec: ChartSpec;
  /** Drawn as a dashed line when the data comes near it (concurrency against its limit). */
  limit?: ConcurrencyLimit | null;
  fileName: string;
}

/**
 * A limit far above the data would flatten the data into the axis; below this share of the
 * limit the chart keeps its own scale and names the limit in the caption instead.
 */
const LIMIT_IN_VIEW = 0.25;

export function SeriesChart({ result, spec, limit, fileName }: SeriesChartProps) {
  const fontSize = useChartFontSize();
  const rows = useMemo(() => seriesRows(result, spec), [result, spec]);
  const banded = result.replications?.seriesBands !== undefined;
  const peak = useMemo(() => rawPeak(result, spec), [result, spec]);
  const span = result.simulatedSeconds;
  const showLimit = limit != null && peak >= limit.value * LIMIT_IN_VIEW;
  const lines = useMemo(
    () => spec.lines.map((l, i) => ({ key: l.key, label: l.label, color: metricColor(l.metric, i) })),
    [spec],
  );
  const legend: LegendItem[] = lines.map((l) => ({ label: l.label, color: l.color }));
  if (showLimit)
    legend.push({
      label: `Limit: ${fmtCount(limit.value)} (${limit.label})`,
      color: 'var(--chart-limit)',
      dashed: true,
    });
  const caption =
    (limit && !showLimit
      ? `${spec.caption} · peak ${fmtCount(peak)} of ${fmtCount(limit.value)} (${limit.label})`
      : spec.caption) + (banded ? ` · band: 95 % interval over ${result.replications!.count} runs` : '');

  // A flat line at zero says less than one sentence does (and takes a chart's room).
  if (peak === 0) {
    return (
      <div className="chart-card chart-card-quiet" role="note" aria-label={spec.title}>
        <h4 className="chart-card-title">{spec.title}</h4>
        <p>None during this run ({spec.lines.map((l) => l.label.toLowerCase()).join(', ')}: 0).</p>
      </div>
    );
  }

  return (
    <ChartCard
      title={spec.title}
      caption={caption}
      legend={legend.length > 1 || showLimit ? legend : []}
      resetKey={result}
      fileName={fileName}
    >
      {(P) => (
        <P.SeriesPlot
          rows={rows}
          lines={lines}
          format={spec.format}
          span={span}
          limit={showLimit ? limit.value : null}
          banded={banded}
          fontSize={fontSize}
          label={`${spec.title}: ${spec.lines.map((l) => l.label).join(', ')} over time`}
          cursor
        />
      )}
    </ChartCard>
  );
}

/**
 * The chart's rows, reduced by min/max buckets (downsample.ts) to at most 500: each line's
 * envelope, and with replications each line's band as its low edge's minimum and its high
 * edge's maximum over the bucket (keys "<series>:lo" and "<series>:hi").
 */
export function seriesRows(result: Result, spec: ChartSpec): Record<string, number>[] {
  const s = result.series;
  if (!s) return [];
  const bands = result.replications?.seriesBands;
  const columns: Column[] = [];
  for (const l of spec.lines) {
    columns.push({ key: l.key, values: (s[l.key] as number[] | undefined) ?? [] });
    const b = bands?.[l.key];
    if (b)
      columns.push(
        { key: `${l.key}:lo`, values: b.lo, reduce: 'min' },
        { key: `${l.key}:hi`, values: b.hi, reduce: 'max' },
      );
  }
  return downsampleRows(s.t, columns);
}

/** The largest value of the chart's series, at full resolution (merged rows smooth peaks away). */
function rawPeak(result: Result, spec: ChartSpec): number {
  let m = 0;
  for (const l of spec.lines)
    for (const v of (result.series?.[l.key] as number[] | undefined) ?? []) if (v > m) m = v;
  return m;
}
