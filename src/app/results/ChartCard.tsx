import { useRef, useState, type ReactNode } from 'react';
import { chartToPng, inlineSvg } from './export/chart-png';
import { downloadBlob } from './export/download';
import { Deferred } from './mount-queue';
import { loadPlots, plotsNow, type Plots } from './plot-loader';

export interface LegendItem {
  label: string;
  color: string;
  /** Drawn as a dashed line rather than a filled swatch (limits, thresholds). */
  dashed?: boolean;
}

interface ChartCardProps {
  title: string;
  caption?: string;
  legend?: LegendItem[];
  /** Download name without extension. */
  fileName: string;
  /**
   * The plot: an element, or a function of the lazily loaded recharts plots (called once
   * they are loaded, in the chart's turn).
   */
  children: ReactNode | ((plots: Plots) => ReactNode);
  className?: string;
  /** CSS height of the plot area when it depends on the data (a bar per node). */
  height?: string;
  /** The data the plot shows: when it changes the plot is mounted afresh, in its turn (mount-queue). */
  resetKey?: unknown;
}

/**
 * A chart with its title, an HTML legend (readable at any size, unlike SVG text) and a
 * button that saves it as a PNG.
 */
export function ChartCard({
  title,
  caption,
  legend = [],
  fileName,
  children,
  className,
  height,
  resetKey,
}: ChartCardProps) {
  const ref = useRef<HTMLElement>(null);
  const [failure, setFailure] = useState<string | null>(null);

  /** The plot's SVG: recharts' surface. */
  const plotSvg = () =>
    ref.current?.querySelector<SVGSVGElement>('.chart-card-body svg.recharts-surface') ?? null;

  function saveSvg() {
    const svg = plotSvg();
    if (!svg) return setFailure('The chart is not drawn yet.');
    try {
      const { markup } = inlineSvg(svg);
      setFailure(null);
      downloadBlob(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }), `${fileName}.svg`);
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    }
  }

  async function savePng() {
    const card = ref.current;
    const svg = plotSvg();
    if (!card || !svg) return setFailure('The chart is not drawn yet.');
    const cs = getComputedStyle(card);
    const swatches = [...card.querySelectorAll<HTMLElement>('.chart-legend-swatch')];
    try {
      const blob = await chartToPng({
        svg,
        title,
        caption,
        legend: legend.map((l, i) => ({
          label: l.label,
          color: swatches[i] ? getComputedStyle(swatches[i]).borderTopColor : l.color,
        })),
        background: cs.getPropertyValue('--results-surface').trim() || cs.backgroundColor,
        text: cs.color,
        fontFamily: cs.fontFamily,
      });
      setFailure(null);
      downloadBlob(blob, `${fileName}.png`);
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <figure className={`chart-card ${className ?? ''}`} ref={ref} aria-label={title}>
      <figcaption className="chart-card-head">
        <h4 className="chart-card-title">{title}</h4>
        {caption && <span className="chart-card-caption">{caption}</span>}
        <button
          type="button"
          className="chart-card-png"
          onClick={() => void savePng()}
          title={`Save “${title}” as a PNG image`}
        >
          PNG
        </button>
        <button
          type="button"
          className="chart-card-png"
          onClick={saveSvg}
          title={`Save “${title}” as an SVG drawing`}
        >
          SVG
        </button>
      </figcaption>
      {legend.length > 0 && (
        <ul className="chart-legend">
          {legend.map((l) => (
            <li key={l.label}>
              <span
                className={l.dashed ? 'chart-legend-swatch chart-legend-dashed' : 'chart-legend-swatch'}
                style={{ borderTopColor: l.color }}
                aria-hidden="true"
              />
              {l.label}
            </li>
          ))}
        </ul>
      )}
      <div className="chart-card-body" style={height ? { height } : undefined}>
        <Deferred
          resetKey={resetKey}
          placeholder={<div className="chart-card-placeholder" aria-hidden="true" />}
          before={typeof children === 'function' ? loadPlots : undefined}
        >
          {typeof children === 'function' ? () => children(plotsNow()!) : children}
        </Deferred>
      </div>
      {failure && (
        <p className="chart-card-error" role="alert">
          Could not save the image: {failure}
        </p>
      )}
    </figure>
  );
}
