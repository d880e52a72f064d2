import { lazy, Suspense } from 'react';
import { Gauge } from 'lucide-react';
import { useTuning } from './tuning-store';

// Its own chunk with recharts: loaded the first time someone tunes a function.
const TuningView = lazy(() => import('./TuningView').then((m) => ({ default: m.TuningView })));

/** The inspector's button on a function node. */
export function TuneMemoryButton({ nodeId }: { nodeId: string }) {
  return (
    <button
      type="button"
      className="button tune-memory-button"
      onClick={() => useTuning.getState().open(nodeId)}
      title="Run this function at every memory size and compare cost and duration (power tuning)"
    >
      <Gauge size={16} aria-hidden="true" /> Tune memory
    </button>
  );
}

export function TuningRoot() {
  const open = useTuning((s) => s.nodeId !== null);
  return open ? (
    <Suspense fallback={<p role="status">Opening power tuning…</p>}>
      <TuningView />
    </Suspense>
  ) : null;
}
