import { useEffect } from 'react';
import { clampResults, maxResultsHeight, PANEL_LIMITS, usePanels } from '../layout/panels';
import { Splitter } from '../layout/Splitter';
import { useRunStore } from '../store/run';
import { loadPlots } from './plot-loader';
import { ResultsPanel } from './ResultsPanel';

/**
 * The results drawer under the workspace. Before the first run there is nothing to show, so
 * there is no drawer and the canvas has the room; when a run ends the drawer opens at the
 * height the person last gave it. Its top edge resizes it (drag or keys), its header folds it.
 */
export function ResultsDock() {
  const status = useRunStore((s) => s.status);
  const hasResult = useRunStore((s) => s.result !== null || s.error !== null);
  const open = usePanels((s) => s.resultsOpen);
  const height = usePanels((s) => s.resultsHeight);
  const { setResultsOpen, setResultsHeight } = usePanels.getState();

  // A run that ends opens the drawer: that is where its answer is.
  useEffect(() => {
    if (status === 'done' || status === 'error' || status === 'cancelled') setResultsOpen(true);
  }, [status, setResultsOpen]);
  // The charts' code (recharts) is evaluated in one main-thread task of 100 ms or more: done
  // when the page is idle and no run is going on, not while a run works or as it ends.
  useEffect(() => {
    if (status === 'running' || typeof requestIdleCallback !== 'function') return;
    const id = requestIdleCallback(() => void loadPlots(), { timeout: 10_000 });
    return () => cancelIdleCallback(id);
  }, [status]);
  // A smaller window must not leave the drawer taller than the room there is.
  useEffect(() => {
    const onResize = () => setResultsHeight(clampResults(usePanels.getState().resultsHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [setResultsHeight]);

  if (!hasResult) return null;
  const shown = clampResults(height);
  return (
    <div
      className={`results-slot${open ? '' : ' is-collapsed'}`}
      style={open ? { height: shown } : undefined}
      data-testid="results-drawer"
    >
      <Splitter
        orientation="horizontal"
        size={open ? shown : 0}
        min={PANEL_LIMITS.results.min}
        max={maxResultsHeight()}
        grow={-1}
        label="Resize the results panel"
        controls="results-panel"
        onResize={(h) => {
          setResultsOpen(true);
          setResultsHeight(h);
        }}
        onToggle={() => setResultsOpen(!open)}
      />
      <ResultsPanel collapsed={!open} onToggleCollapsed={() => setResultsOpen(!open)} />
    </div>
  );
}
