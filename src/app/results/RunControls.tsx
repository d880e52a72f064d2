import { useRunStore } from '../store/run';
import type { Incomplete } from '../../engine/result';
import { useScenarioStore } from '../store/scenario';
import { fmtCount, fmtDuration, fmtPercent } from './format';
import { ReplicationsPicker } from './ReplicationsPicker';
import { runSettings } from './scenario-facts';
import './results.css';

/**
 * Run / Stop, and how far the simulation has got in simulated time. Everything runs in the
 * worker: this only sends the scenario and listens.
 */
export function RunControls() {
  const status = useRunStore((s) => s.status);
  const progress = useRunStore((s) => s.progress);
  const runScenario = useRunStore((s) => s.scenario);
  const result = useRunStore((s) => s.result);
  const run = useRunStore((s) => s.run);
  const cancel = useRunStore((s) => s.cancel);
  const running = status === 'running';
  const durationSeconds = runSettings(runScenario).durationSeconds;
  const text = statusText(status, progress, durationSeconds, result);

  return (
    <div className="run-controls" role="group" aria-label="Run the simulation">
      {running ? (
        <button type="button" className="button button--danger run-button" onClick={cancel}>
          <span aria-hidden="true">■</span> Stop
        </button>
      ) : (
        <button
          type="button"
          className="button button--primary run-button"
          onClick={() => void run(useScenarioStore.getState().doc)}
          title="Simulate the diagram (Ctrl+Enter); it runs in the background, the page stays usable"
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          <span aria-hidden="true">▶</span> Run
        </button>
      )}
      <ReplicationsPicker disabled={running} />
      <div className="run-progress" data-status={status}>
        <div
          className="run-progress-track"
          role="progressbar"
          aria-label="Simulated time"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round((running ? progress : status === 'done' ? 1 : 0) * 100)}
        >
          <div
            className="run-progress-fill"
            style={{ transform: `scaleX(${running ? progress : status === 'done' ? 1 : 0})` }}
          />
        </div>
        <span className="run-progress-text" aria-live="polite" title={text}>
          {text}
        </span>
      </div>
    </div>
  );
}

function statusText(
  status: ReturnType<typeof useRunStore.getState>['status'],
  progress: number,
  durationSeconds: number,
  result: ReturnType<typeof useRunStore.getState>['result'],
): string {
  switch (status) {
    case 'idle':
      return 'Ready: press Run to simulate the diagram';
    case 'running':
      return `Simulating… ${fmtDuration(progress * durationSeconds)} of ${fmtDuration(durationSeconds)} (${fmtPercent(progress)})`;
    case 'done':
      if (!result) return 'Done';
      if (result.incomplete)
        return `Stopped early at ${fmtDuration(result.simulatedSeconds)}: ${reasonText(result.incomplete.reason)}`;
      if (result.replications)
        return `Done: ${result.replications.count} runs of ${fmtDuration(result.simulatedSeconds)} (different seeds)`;
      return `Done: ${fmtDuration(result.simulatedSeconds)} simulated in ${(result.engine.wallMs / 1000).toFixed(1)} s (${fmtCount(result.engine.events)} events)`;
    case 'cancelled':
      return result
        ? `Stopped at ${fmtDuration(result.simulatedSeconds)} of ${fmtDuration(durationSeconds)}: partial results`
        : 'Stopped';
    case 'error':
      return 'The run failed: see the results panel';
  }
}

function reasonText(reason: Incomplete['reason']): string {
  return reason === 'eventBudget'
    ? 'event budget reached'
    : reason === 'wallClock'
      ? 'time budget reached'
      : reason === 'workBudget'
        ? 'too much work in flight'
        : 'stopped';
}
