// The engine worker as Node runs it (CLI threads): the same exposeEngine() as the browser's
// src/worker/engine.worker.ts.
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { exposeEngine } from '../worker/expose';

exposeEngine(nodeEndpoint(parentPort!));
