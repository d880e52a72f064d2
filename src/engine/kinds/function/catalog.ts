import { WRITER_CONNECTIONS } from '../shared-connections';
import { CALL_OUTCOMES, defineCatalog, NO_TRAITS } from '../catalog-types';
import { REC_ENV_BUSY, REC_ENV_IDLE } from '../record-codes';
import { functionParams } from './schema';

export const functionCatalog = defineCatalog({
  kind: 'function',
  title: 'Lambda function',
  group: 'compute',
  inSentence: 'a Lambda function',
  description:
    'AWS Lambda: code that runs on demand in execution environments that start cold, stay warm for a while, and scale with concurrency.',
  params: functionParams,
  fields: {
    runtime: { title: 'Runtime' },
    memoryMB: { title: 'Memory' },
    architecture: {
      title: 'Architecture',
      options: { x86_64: 'x86_64', arm64: 'arm64 (Graviton)' },
    },
    duration: { title: 'Handler duration', group: 'performance' },
    cpuBoundFraction: { title: 'CPU-bound share', group: 'performance' },
    coldStart: { title: 'Cold start (INIT) duration', group: 'performance' },
    keepAliveSeconds: { title: 'Keep-alive (what-if)', group: 'performance' },
    timeoutMs: { title: 'Timeout', group: 'limits' },
    reservedConcurrency: { title: 'Reserved concurrency', group: 'limits' },
    provisionedConcurrency: { title: 'Provisioned concurrency', group: 'limits' },
    errorRate: { title: 'Handler error rate', group: 'retries' },
    asyncRetries: { title: 'Async retries', group: 'retries' },
    maxEventAgeSeconds: { title: 'Async event max age', group: 'retries' },
    ephemeralStorageMB: { title: 'Ephemeral storage (/tmp)', group: 'cost' },
    logBytesPerInvocation: { title: 'Log bytes per invocation', group: 'cost' },
    logRetentionDays: { title: 'Log retention', group: 'cost' },
    xrayTracing: { title: 'X-Ray tracing', group: 'cost' },
    xrayReadsPerTrace: { title: 'X-Ray reads per trace', group: 'cost' },
  },
  summary: (p) =>
    [
      `${p.memoryMB} MB`,
      p.runtime,
      p.architecture === 'arm64' ? 'arm64' : '',
      p.reservedConcurrency !== undefined ? `reserved ${p.reservedConcurrency}` : '',
      p.provisionedConcurrency > 0 ? `provisioned ${p.provisionedConcurrency}` : '',
    ]
      .filter(Boolean)
      .join(' · '),
  metrics: {
    // An invocation is an environment taken (v: its INIT ms, above 0 when cold); it ends idle
    // with its call status (1 error, 2 timeout): recorder.ts's REC_ENV_*.
    invocations: {
      role: 'counter',
      label: 'Invocations',
      badge: { word: 'inv' },
      atT: 'hops',
      recorded: { records: REC_ENV_BUSY },
    },
    coldStarts: {
      role: 'counter',
      label: 'Cold starts',
      badge: { word: 'cold' },
      atT: 'cold',
      recorded: { records: REC_ENV_BUSY, value: 'positive' },
    },
    throttles: {
      role: 'counter',
      label: 'Throttles',
      badge: { word: 'throttled', problem: true },
      recorded: 'increments',
    },
    errors: {
      role: 'counter',
      label: 'Errors',
      badge: { word: 'errors', problem: true },
      atT: { endedWith: ['error'] },
      recorded: { records: REC_ENV_IDLE, value: 1 },
    },
    timeouts: {
      role: 'counter',
      label: 'Timeouts',
      badge: { word: 'timeouts', problem: true },
      atT: { endedWith: ['timeout'] },
      recorded: { records: REC_ENV_IDLE, value: 2 },
    },
    retries: { role: 'counter', label: 'Retries', recorded: 'increments' },
    meanConcurrency: { role: 'gauge', label: 'Mean concurrency' },
    maxConcurrency: {
      role: 'gauge',
      label: 'Max concurrency',
      recorded: { mostAtOnce: { up: REC_ENV_BUSY, down: REC_ENV_IDLE } },
    },
    meanInstances: { role: 'gauge', label: 'Mean environments' },
    maxInstances: { role: 'gauge', label: 'Max environments' },
    billedGbSeconds: { role: 'counter', label: 'Billed GB-seconds' },
    syncWaitGbSeconds: { role: 'counter', label: 'GB-seconds waiting on sync calls' },
    durationMs: { role: 'latency', label: 'Duration (ms)' },
  },
  series: {
    concurrency: { sampling: 'level', label: 'Concurrent executions', chart: 'capacity' },
    requests: { sampling: 'rate', label: 'Requests', chart: 'traffic' },
    coldStarts: { sampling: 'rate', label: 'Cold starts', chart: 'coldStarts' },
    throttles: { sampling: 'rate', label: 'Throttles', chart: 'trouble' },
    errors: { sampling: 'rate', label: 'Errors', chart: 'trouble' },
    instances: { sampling: 'level', label: 'Instances', chart: 'capacity' },
  },
  outcomes: CALL_OUTCOMES,
  traits: NO_TRAITS,
  insides: 'environments',
  // A handler that throws is an Error, a timeout a Fault, a throttle a Throttle (429).
  serviceMap: {
    count: ['invocations', 'throttles'],
    error: ['errors'],
    throttle: ['throttles'],
    fault: ['timeouts'],
    latency: 'durationMs',
  },
  meters: [
    'lambda.requests',
    'lambda.duration.*',
    'lambda.init.*',
    'lambda.pc.*',
    'lambda.pcDuration.*',
    'lambda.ephemeral',
    'logs.lambda.ingestedGb',
    'logs.storageGbMonths',
    'xray.tracesRecorded',
    'xray.tracesRetrievedOrScanned',
  ],
  groups: ['writers', 'compute'],
  connections: [
    ...WRITER_CONNECTIONS,
    {
      to: ['function'],
      roles: ['invoke'],
      meaning: 'invoke',
      params: ['mode', 'perRequest'],
      help: 'Invoke another function: sync (the caller waits and is billed while it waits) or async.',
    },
    {
      to: ['function', 'queue', 'topic', 'eventBus'],
      roles: ['onSuccess', 'onFailure'],
      meaning: 'destination',
      params: [],
      help: 'Asynchronous invocation destinations: where the event goes after success or after all retries failed.',
    },
  ],
});
