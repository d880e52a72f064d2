// The engine worker as Node runs it: the same exposeEngine() as src/worker/engine.worker.ts.
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { exposeEngine } from '../../src/worker/expose';

exposeEngine(nodeEndpoint(parentPort!));
