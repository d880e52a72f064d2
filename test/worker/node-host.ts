// The CLI's worker_threads host, pointed at the test entries (crashing, wedged, the engine).
export { spawnNodeWorker } from '../../src/cli/node-host';
