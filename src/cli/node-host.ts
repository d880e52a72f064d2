import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import type { EngineHost } from '../worker/engine-client';

/**
 * The Node counterpart of src/worker/browser-host.ts: the same engine client and pool, a
 * worker_threads worker behind comlink's node adapter. TypeScript entries load through tsx
 * (see the bootstrap); a JavaScript entry (an engine bundled beforehand) starts directly, since
 * registering tsx in a thread costs about as much as loading the bundled engine itself.
 */
const bootstrap = new URL('./ts-worker-bootstrap.mjs', import.meta.url);
const ENGINE_ENTRY = new URL('./engine-worker.ts', import.meta.url);

export function spawnNodeWorker(entry: URL = ENGINE_ENTRY): EngineHost {
  const worker = /\.(m?js)$/.test(entry.pathname)
    ? new Worker(entry)
    : new Worker(bootstrap, { workerData: { entry: entry.href } });
  return {
    endpoint: nodeEndpoint(worker),
    onCrash(listener) {
      worker.on('error', (err) => listener(err.message));
      worker.on('exit', (code) => {
        if (code !== 0) listener(`exited with code ${code}`);
      });
    },
    terminate: () => void worker.terminate(),
  };
}
