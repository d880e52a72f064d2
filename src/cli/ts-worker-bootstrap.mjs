// Loads a TypeScript worker entry in a worker_threads thread: tsx's loader hooks are per
// thread in Node 20, so the thread registers them, then imports the entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
