import { useMemo, useState } from 'react';
import type { Result } from '../../engine/result';
import { useSelectionStore } from '../store/scenario-selection';
import { slug } from './export/download';
import { concurrencyLimit } from './scenario-facts';
import { chartsForNode, nodesWithSeries } from './series-groups';
import { SeriesChart } from './SeriesChart';

/**
 * Time series for one node at a time. The node is the one selected on the canvas (clicking
 * a node there shows its charts) or picked from the list here, which selects it on the
 * canvas too: one selection, wherever it was made.
 */
export function NodeSeriesCharts({ result, scenario }: { result: Result; scenario: unknown }) {
  const selected = useSelectionStore((s) => s.nodeIds[0]);
  const select = useSelectionStore((s) => s.select);
  const candidates = useMemo(() => nodesWithSeries(result), [result]);
  // The last node shown stays shown when the canvas selection moves to one without series.
  const [fallback, setFallback] = useState<string | null>(null);
  const shown =
    selected && candidates.includes(selected)
      ? selected
      : fallback && candidates.includes(fallback)
        ? fallback
        : candidates[0];
  const charts = useMemo(() => (shown ? chartsForNode(result, shown) : []), [result, shown]);

  if (candidates.length === 0) {
    return <p className="results-empty">This run recorded no time series.</p>;
  }
  const selectedWithout = selected && !candidates.includes(selected) && result.nodes[selected];

  return (
    <div className="series-view">
      <div className="node-picker" role="toolbar" aria-label="Node to chart">
        {candidates.map((id) => (
          <button
            key={id}
            type="button"
            className="node-chip"
            aria-pressed={id === shown}
            onClick={() => {
              setFallback(id);
              select([id], []);
            }}
          >
            <span className="node-chip-label">{result.nodes[id].label}</span>
            <span className="node-chip-kind">{result.nodes[id].kind}</span>
          </button>
        ))}
      </div>
      {selectedWithout && (
        <p className="results-hint">
          “{selectedWithout.label}” records no time series; showing “{result.nodes[shown].label}”.
        </p>
      )}
      <div className="chart-grid">
        {charts.map((spec) => (
          <SeriesChart
            key={`${shown}.${spec.id}`}
            result={result}
            spec={spec}
            limit={spec.id === 'capacity' ? concurrencyLimit(scenario, shown) : null}
            fileName={`${slug(result.scenario)}-${slug(result.nodes[shown].label)}-${slug(spec.title)}`}
          />
        ))}
      </div>
    </div>
  );
}
