// A worker whose run never yields (an engine stuck in one slice): cancel cannot reach it,
// so the client must terminate it after the grace period.
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';

Comlink.expose(
  {
    run() {
      for (;;) {
        /* never returns */
      }
    },
    cancel() {},
  },
  nodeEndpoint(parentPort!),
);
