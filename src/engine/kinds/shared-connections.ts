import type { ConnectionDecl } from './catalog-types';

/**
 * Connection rules several kinds share, spread into each one's catalog (`connections`) where
 * it stands in that kind's own order.
 */

/** What every writer (producer, function, fleet, workflow) may do after each handled request. */
export const WRITER_CONNECTIONS: readonly ConnectionDecl<'sinks' | 'stateMachine'>[] = [
  {
    to: ['sinks'],
    roles: ['invoke'],
    meaning: 'send',
    params: ['perRequest'],
    help: 'A put, publish or send after each handled request.',
  },
  {
    to: ['stateMachine'],
    roles: ['invoke'],
    meaning: 'send',
    params: ['perRequest'],
    help: 'StartExecution after each handled request: the workflow runs on its own (the writer does not wait).',
  },
];

/** A service that invokes a function asynchronously (schedule, bucket, topic, bus). */
export const ASYNC_INVOKE: ConnectionDecl<'function'> = {
  to: ['function'],
  roles: ['invoke'],
  meaning: 'async',
  params: ['filter', 'pattern'],
  help: "The service invokes the function asynchronously, through Lambda's internal queue and its retries.",
};
