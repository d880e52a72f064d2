// A worker that dies outside any run's error handling, as an out-of-memory or a bug in the
// worker's own code would: the client must report it and start a fresh worker next time.
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';

Comlink.expose(
  {
    run() {
      setTimeout(() => {
        throw new Error('worker blew up');
      });
      return new Promise(() => undefined);
    },
    cancel() {},
  },
  nodeEndpoint(parentPort!),
);
