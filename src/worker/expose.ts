import * as Comlink from 'comlink';
import { createEngineApi, type EngineApi, type PackedOutcome } from './engine-api';

/**
 * Serves the engine API on an endpoint (the worker's global scope in the browser, a
 * worker_threads port in Node), transferring the packed series instead of copying them.
 */
export function exposeEngine(endpoint?: Comlink.Endpoint): void {
  const api = createEngineApi();
  const served: EngineApi = {
    async run(runId, scenario, options, onProgress) {
      try {
        return withTransfer(await api.run(runId, scenario, options, onProgress));
      } finally {
        // The progress callback is a comlink proxy holding a MessagePort open; free it.
        (onProgress as Partial<Comlink.ProxyMethods> | undefined)?.[Comlink.releaseProxy]?.();
      }
    },
    cancel: (runId) => api.cancel(runId),
  };
  Comlink.expose(served, endpoint);
}

function withTransfer(outcome: PackedOutcome): PackedOutcome {
  const packed = outcome.status === 'error' ? null : outcome.packed;
  return packed ? Comlink.transfer(outcome, [packed.data.buffer]) : outcome;
}
