import { useCallback, useEffect, useId, useMemo } from 'react';
import { X } from 'lucide-react';
import type { Result } from '../../engine/result';
import { TraceWaterfall } from '../classroom/TraceWaterfall';
import { replayData } from '../classroom/replay-data';
import { useClassroom } from '../classroom/store';
import { TARGET_TRACES, traceRateFor } from '../classroom/run-options';
import { fmtCount, fmtDuration, fmtMs } from '../results/format';
import { useRunStore } from '../store/run';
import { useModalDialog } from '../ui/Dialog';
import { serviceMapOf, sharesOf, slowestTraces, type MapNode } from './map-data';
import { OUTCOME_CLASSES, ServiceMapSvg, fmtRate } from './ServiceMapSvg';
import { useServiceMap } from './servicemap-store';
import '../classroom/classroom.css';
import '../ui/fullscreen-view.css';
import './servicemap.css';

/**
 * The service map of the last run, as X-Ray's console draws it, full screen: click a node (or
 * Tab to it and press Enter) for its figures and its slowest sampled requests; pick one to see
 * its waterfall. Escape closes it.
 */
export function ServiceMapView() {
  const titleId = useId();
  const result = useRunStore((s) => s.result);
  const scenario = useRunStore((s) => s.resultScenario ?? s.scenario);
  const selected = useServiceMap((s) => s.node);
  const close = useCallback(() => {
    useServiceMap.getState().close();
    if (!useClassroom.getState().open) useClassroom.getState().selectTrace(null);
  }, []);
  const ref = useModalDialog(close);
  const map = useMemo(() => (result ? serviceMapOf(result, scenario) : null), [result, scenario]);
  const node = map?.nodes.find((n) => n.id === selected) ?? null;
  const status = useRunStore((s) => s.status);
  // A run made without sampled requests (the usual one, to keep results small) is run again
  // with them: same scenario and seed, so the same figures, now with requests to list.
  const untraced = result !== null && result.traces.length === 0;
  useEffect(() => {
    if (!untraced || status === 'running') return;
    void useRunStore
      .getState()
      .run(scenario, { traceSampleRate: traceRateFor(scenario), maxTraces: TARGET_TRACES });
  }, [untraced, status, scenario]);

  return (
    <dialog
      ref={ref}
      className="fullscreen-view servicemap-view"
      aria-labelledby={titleId}
      data-testid="service-map"
    >
      <header className="fullscreen-view__header servicemap-header">
        <h2 id={titleId}>Service map</h2>
        <p className="servicemap-lede">
          {map
            ? `Whole run: rates over the ${fmtDuration(map.measuredSeconds)} measured, latency and outcomes of every request`
            : 'Run the diagram to draw its map.'}
        </p>
        <Legend />
        <button
          type="button"
          className="icon-button"
          aria-label="Close the service map"
          title="Close (Esc)"
          onClick={close}
        >
          <X size={20} aria-hidden="true" />
        </button>
      </header>
      {map && result ? (
        <div className="servicemap-body">
          <ServiceMapSvg
            map={map}
            selected={selected}
            onSelect={(id) => useServiceMap.getState().select(id)}
          />
          <aside className="servicemap-side" aria-label="Selected node">
            {node ? (
              <NodeDetails node={node} result={result} scenario={scenario} />
            ) : (
              <p className="muted">
                Choose a node (click it, or Tab to it and press Enter) to see its figures and its slowest
                sampled requests.
              </p>
            )}
          </aside>
        </div>
      ) : null}
    </dialog>
  );
}

function Legend() {
  return (
    <ul className="servicemap-legend" aria-label="Ring colours">
      {OUTCOME_CLASSES.map((c) => (
        <li key={c.key}>
          <span className="servicemap-swatch" style={{ background: c.color }} aria-hidden="true" />
          {c.label}
        </li>
      ))}
    </ul>
  );
}

function NodeDetails({ node, result, scenario }: { node: MapNode; result: Result; scenario: unknown }) {
  const selectedTrace = useClassroom((s) => s.selectedTrace);
  const traces = useMemo(() => slowestTraces(result, node.id), [result, node.id]);
  const data = useMemo(() => replayData(result, scenario), [result, scenario]);
  const shares = sharesOf(node.outcomes);
  return (
    <div className="servicemap-details" data-testid="service-map-details">
      <h3>{node.label}</h3>
      <dl className="servicemap-figures">
        <dt>Rate</dt>
        <dd data-figure="rate">
          {fmtRate(node.ratePerSecond)} ({fmtCount(node.count)} in all)
        </dd>
        <dt>Latency</dt>
        <dd data-figure="latency">
          {node.meanMs === null
            ? 'none of its own'
            : `mean ${fmtMs(node.meanMs)}, p95 ${fmtMs(node.p95Ms ?? 0)}`}
        </dd>
        {OUTCOME_CLASSES.map((c) => (
          <div key={c.key} className="servicemap-figures__row">
            <dt>{c.label}</dt>
            <dd data-figure={c.key}>
              {fmtCount(node.outcomes[c.key])} ({(shares[c.key] * 100).toFixed(1)} %)
            </dd>
          </div>
        ))}
      </dl>
      <h4>Slowest sampled requests</h4>
      {traces.length === 0 ? (
        <p className="muted">No sampled request went through this node.</p>
      ) : (
        <ol className="servicemap-traces">
          {traces.map((t) => (
            <li key={t.trace}>
              <button
                type="button"
                aria-pressed={selectedTrace === t.trace}
                onClick={() => useClassroom.getState().selectTrace(t.trace)}
              >
                Request #{t.trace}: {fmtMs(t.hopMs)} here, {fmtMs(t.totalMs)} in all ({t.outcome})
              </button>
            </li>
          ))}
        </ol>
      )}
      {selectedTrace !== null && data.replay.traces[selectedTrace] ? (
        <div className="servicemap-waterfall">
          <TraceWaterfall data={data} trace={selectedTrace} followable={false} />
        </div>
      ) : null}
    </div>
  );
}
