import { CALL_OUTCOMES, defineCatalog, NO_TRAITS, type WiringIssue } from '../catalog-types';
import { pipeParams } from './schema';
import { pipeWiring } from './wiring';

export const pipeCatalog = defineCatalog({
  kind: 'pipe',
  title: 'EventBridge pipe',
  group: 'messaging',
  inSentence: 'an EventBridge pipe',
  description:
    'Amazon EventBridge Pipes: reads an SQS queue, a Kinesis stream or a DynamoDB stream in batches, drops what its filter does not match, may enrich each batch with a function, and hands the rest to one target.',
  params: pipeParams,
  fields: {
    filter: { title: 'Filter: only these event types' },
    filterShare: { title: 'Filter: share of those that match' },
    enrichment: { title: 'Enrichment function' },
  },
  summary: (p) => {
    const parts: string[] = [];
    if (p.filter) parts.push(`only ${p.filter.type.join(', ')}`);
    if (p.filterShare < 1) parts.push(`${Math.round(p.filterShare * 1000) / 10} % pass`);
    if (p.enrichment !== '') parts.push(`enrich: ${p.enrichment}`);
    return parts.length > 0 ? parts.join(' · ') : 'no filter';
  },
  metrics: {
    read: {
      role: 'counter',
      label: 'Events read (retries included)',
      badge: { word: 'read' },
      atT: 'arrivals',
      recorded: 'increments',
    },
    filteredOut: {
      role: 'counter',
      label: 'Filtered out',
      badge: { word: 'filtered' },
      recorded: 'increments',
    },
    batches: { role: 'counter', label: 'Batches' },
    enrichmentCalls: { role: 'counter', label: 'Enrichment calls' },
    delivered: {
      role: 'counter',
      label: 'Delivered to the target',
      badge: { word: 'delivered' },
      recorded: 'increments',
    },
    failed: {
      role: 'counter',
      label: 'Events in failed attempts',
      badge: { word: 'failed', problem: true },
      recorded: 'increments',
    },
    failedBatches: { role: 'counter', label: 'Failed batches' },
    billedRequests: { role: 'counter', label: 'Billed requests (64 KB chunks)' },
    batchMs: { role: 'latency', label: 'Batch time: enrichment and target (ms)' },
  },
  series: {
    read: { sampling: 'rate', label: 'Events read', chart: 'traffic' },
    delivered: { sampling: 'rate', label: 'Delivered' },
    failed: { sampling: 'rate', label: 'Events failed', chart: 'trouble' },
  },
  // Its source's poller records the batch's outcome on the pipe; the pipe adds "filtered".
  outcomes: { ...CALL_OUTCOMES, filtered: 'ok' },
  traits: NO_TRAITS,
  serviceMap: { count: ['read'], latency: 'batchMs' },
  meters: ['pipes.requests'],
  connections: [
    {
      to: ['function', 'stateMachine'],
      roles: ['invoke'],
      meaning: 'integration',
      params: [],
      help: "The pipe's enrichment (the function its Enrichment field names) or its target: called synchronously with each batch, and waited for. A Standard workflow answers at once.",
    },
    {
      to: ['queue', 'topic', 'eventBus', 'stream'],
      roles: ['invoke'],
      meaning: 'delivery',
      params: [],
      help: "The pipe's target: each event of a successful batch is sent on.",
    },
  ],
  checkWiring: (p, out) => {
    const issues: WiringIssue[] = [];
    if (p.enrichment === '') return issues;
    const invoke = out.filter((e) => e.role === 'invoke');
    const named =
      invoke.find((e) => e.target === p.enrichment) ?? invoke.find((e) => e.targetLabel === p.enrichment);
    const functions = invoke.filter((e) => e.targetKind === 'function').map((e) => `"${e.targetLabel}"`);
    if (!named)
      issues.push({
        path: ['enrichment'],
        message:
          functions.length === 0
            ? `names "${p.enrichment}", but this pipe is connected to no function: draw an edge to the enrichment function, or leave the field empty`
            : `names "${p.enrichment}", which this pipe is not connected to: name one of ${functions.join(', ')}, or leave it empty`,
      });
    else if (pipeWiring(p.enrichment, invoke).enrichment === undefined)
      issues.push({
        path: ['enrichment'],
        message: `names "${named.targetLabel}", which is not a Lambda function: a pipe enriches with a function (its target may be anything it connects to)`,
      });
    return issues;
  },
});
