import { memo, useDeferredValue, useState } from 'react';
import type { Result } from '../../engine/result';
import { useRunStore } from '../store/run';
import { useScenarioStore } from '../store/scenario';
import { BillChart } from './BillChart';
import { BillTable } from './BillTable';
import { ExportMenu } from './ExportMenu';
import { LatencyHistogram } from './LatencyHistogram';
import { NodeSeriesCharts } from './NodeSeriesCharts';
import { RunNotices } from './RunNotices';
import { RunProblems } from './RunProblems';
import { ServiceMapButton } from '../servicemap/ServiceMapRoot';
import { SummaryCards } from './SummaryCards';
import './results.css';

type Tab = 'overview' | 'series' | 'bill';
const TABS: { id: Tab; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'series', label: 'Time series' },
  { id: 'bill', label: 'Bill' },
];

/**
 * What the last run found: the summary, the time series per node, the latency histogram
 * and the bill, plus exports. It shows the last result while a new run is under way (dimmed),
 * so the screen does not go blank on every Run.
 */
export function ResultsPanel({
  collapsed = false,
  onToggleCollapsed,
}: { collapsed?: boolean; onToggleCollapsed?: () => void } = {}) {
  const status = useRunStore((s) => s.status);
  const result = useRunStore((s) => s.result);
  const error = useRunStore((s) => s.error);
  const ranScenario = useRunStore((s) => s.scenario);
  const resultScenario = useRunStore((s) => s.resultScenario);
  // The new result's views render in the background (a transition React can interrupt), not
  // in the task that delivered the result: the page keeps answering input when a run ends.
  const shown = useDeferredValue(result);
  const shownScenario = useDeferredValue(resultScenario);
  const doc = useScenarioStore((s) => s.doc);
  const [tab, setTab] = useState<Tab>('overview');
  const stale = result !== null && ranScenario !== doc && status !== 'running';

  return (
    <section
      className="results-panel"
      id="results-panel"
      aria-label="Results"
      data-status={status}
      data-collapsed={collapsed || undefined}
    >
      <header className="results-header">
        {onToggleCollapsed ? (
          <button
            type="button"
            className="results-collapse"
            aria-expanded={!collapsed}
            aria-controls="results-content"
            aria-label={collapsed ? 'Show the results' : 'Hide the results'}
            title={collapsed ? 'Show the results' : 'Hide the results'}
            onClick={onToggleCollapsed}
          >
            <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
          </button>
        ) : null}
        <h2 className="results-title">
          Results{result ? <span className="results-subtitle">{result.scenario}</span> : null}
        </h2>
        {result && (
          <div className="results-tabs" role="tablist" aria-label="Results views">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`results-tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls="results-tabpanel"
                onClick={() => setTab(t.id)}
              >
                {t.label}
              </button>
            ))}
          </div>
        )}
        {result ? <ServiceMapButton /> : null}
        <ExportMenu result={result} scenarioName={doc.name} />
      </header>
      <div className="results-content" id="results-content" hidden={collapsed}>
        {error && <RunProblems error={error} />}
        {!result && !error && <EmptyState running={status === 'running'} />}
        {result && (
          <div className="results-body" aria-busy={status === 'running'}>
            <RunNotices result={result} stale={stale} />
            <div role="tabpanel" id="results-tabpanel" aria-labelledby={`results-tab-${tab}`}>
              {shown ? <ResultViews tab={tab} result={shown} scenario={shownScenario} /> : null}
            </div>
          </div>
        )}
      </div>
    </section>
  );
}

/**
 * The views of one result. Memoised: the panel re-renders when a run starts or its status
 * changes, and the charts must not be redrawn for that (only for a new result or tab).
 */
const ResultViews = memo(function ResultViews({
  tab,
  result,
  scenario,
}: {
  tab: Tab;
  result: Result;
  scenario: unknown;
}) {
  switch (tab) {
    case 'overview':
      return (
        <>
          <SummaryCards result={result} />
          <LatencyHistogram result={result} />
        </>
      );
    case 'series':
      return <NodeSeriesCharts result={result} scenario={scenario} />;
    case 'bill':
      return (
        <>
          <BillChart result={result} />
          <BillTable result={result} scenario={scenario} />
        </>
      );
  }
});

function EmptyState({ running }: { running: boolean }) {
  return (
    <div className="results-empty">
      {running ? (
        <p>Simulating… the results appear here when the run ends.</p>
      ) : (
        <p>
          Press <strong>Run</strong> to simulate the diagram. You will see where requests ended, their
          latency, each node’s behaviour over time (click a node to chart it) and the bill, line by line.
        </p>
      )}
    </div>
  );
}
