import { createEngineApi } from '../../../src/worker/engine-api';
import { unpackOutcome, type EngineClient } from '../../../src/worker/engine-client';

/**
 * The real engine API, called in-process: jsdom has no Worker, and the component tests are
 * about what the panel shows, not about the thread it was computed on (test/worker covers that).
 */
export function inProcessEngineClient(): EngineClient {
  const api = createEngineApi();
  let lastId = 0;
  return {
    async run(scenario, options, onProgress) {
      const id = ++lastId;
      return unpackOutcome(await api.run(id, scenario, options, onProgress));
    },
    cancel: () => api.cancel(lastId),
    dispose: () => undefined,
  };
}
