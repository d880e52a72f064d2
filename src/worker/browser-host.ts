import type { EngineHost } from './engine-client';

/** Starts the engine in a module Web Worker (Vite bundles it from this `new URL` pattern). */
export function spawnBrowserWorker(): EngineHost {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'simulation',
  });
  return {
    endpoint: worker,
    onCrash(listener) {
      // An error that escapes the worker (failed to load, an uncaught throw outside a run)
      // or a message that cannot be decoded: the worker is no longer trustworthy.
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        listener(e.message || 'an uncaught error in the worker');
      });
      worker.addEventListener('messageerror', () => listener('a message from the worker could not be read'));
    },
    terminate: () => worker.terminate(),
  };
}
