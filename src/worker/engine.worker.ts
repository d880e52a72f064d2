/// <reference lib="webworker" />
/**
 * The Web Worker entry: the engine behind comlink. All simulation happens here so that the
 * page never blocks. Loaded by engine-client.ts with Vite's `new URL(..., import.meta.url)`.
 */
import { exposeEngine } from './expose';

exposeEngine();
