import { WRITER_CONNECTIONS } from '../shared-connections';
import { defineCatalog, NO_TRAITS, type WiringIssue } from '../catalog-types';
import { planStates, resolveFunction } from './plan';
import { stateMachineParams } from './schema';

export const stateMachineCatalog = defineCatalog({
  kind: 'stateMachine',
  title: 'Step Functions',
  group: 'compute',
  inSentence: 'a Step Functions state machine',
  description:
    'AWS Step Functions: a workflow that calls functions step by step and waits for each, with retries, parallel branches, maps and a failure path (orchestration).',
  params: stateMachineParams,
  fields: {
    workflowType: { title: 'Workflow type', options: { standard: 'Standard', express: 'Express' } },
    steps: { title: 'Steps' },
    memoryMb: { title: 'Express memory (billed)', group: 'cost' },
    xrayTracing: { title: 'X-Ray tracing', group: 'cost' },
    xrayReadsPerTrace: { title: 'X-Ray reads per trace', group: 'cost' },
  },
  summary: (p) => {
    const n = planStates(p.steps).length;
    return `${p.workflowType === 'express' ? 'Express' : 'Standard'} · ${n} ${n === 1 ? 'state' : 'states'}`;
  },
  metrics: {
    executions: { role: 'counter', label: 'Executions', badge: { word: 'runs' }, recorded: 'increments' },
    succeeded: { role: 'counter', label: 'Succeeded' },
    failed: { role: 'counter', label: 'Failed', badge: { word: 'failed', problem: true } },
    caught: {
      role: 'counter',
      label: 'Failures caught (on-failure path)',
      badge: { word: 'caught' },
      recorded: 'increments',
    },
    timedOut: {
      role: 'counter',
      label: 'Timed out (Express, 5 min)',
      badge: { word: 'timed out', problem: true },
    },
    transitions: {
      role: 'counter',
      label: 'State transitions',
      badge: { word: 'transitions' },
      recorded: 'increments',
    },
    retries: { role: 'counter', label: 'Retries', recorded: 'increments' },
    durationMs: { role: 'latency', label: 'Execution duration (ms)' },
  },
  series: {
    executions: { sampling: 'rate', label: 'Executions', chart: 'traffic' },
    failed: { sampling: 'rate', label: 'Failed executions', chart: 'trouble' },
    transitions: { sampling: 'rate', label: 'State transitions' },
  },
  outcomes: { succeeded: 'ok', caught: 'error', failed: 'fault', timedOut: 'fault' },
  traits: NO_TRAITS,
  // A failure its Catch handled is an Error; one that failed or timed out the execution a Fault.
  serviceMap: {
    count: ['executions'],
    ok: ['succeeded'],
    error: ['caught'],
    fault: ['failed', 'timedOut'],
    latency: 'durationMs',
  },
  meters: [
    'sfn.standard.transitions',
    'sfn.express.requests',
    'sfn.express.gbSeconds',
    'xray.tracesRecorded',
    'xray.tracesRetrievedOrScanned',
  ],
  groups: ['writers'],
  connections: [
    ...WRITER_CONNECTIONS,
    {
      to: ['function'],
      roles: ['invoke'],
      meaning: 'integration',
      params: [],
      help: "A Task or Map step calls the function synchronously and waits for it; the step's retrier retries failed calls.",
    },
    {
      to: ['function', 'queue', 'topic', 'eventBus'],
      roles: ['onFailure'],
      meaning: 'destination',
      params: [],
      help: 'The Catch path: where a step with Catch sends the failure once its retries are used up.',
    },
  ],
  checkWiring: (p, out) => {
    const called = out
      .filter((e) => e.role === 'invoke' && e.targetKind === 'function')
      .map((e) => ({ id: e.target, label: e.targetLabel }));
    const issues: WiringIssue[] = [];
    p.steps.forEach((s, i) => {
      if (s.type === 'wait' || resolveFunction(s.function, called) !== undefined) return;
      issues.push({
        path: ['steps', i, 'function'],
        message:
          called.length === 0
            ? `step "${s.name}" calls a function, but this state machine is connected to none: draw an edge to the function it calls`
            : s.function === ''
              ? `step "${s.name}" must name the function it calls: one of ${called.map((c) => `"${c.label}"`).join(', ')}`
              : `step "${s.name}" calls "${s.function}", which this state machine is not connected to: name one of ${called.map((c) => `"${c.label}"`).join(', ')}`,
      });
    });
    return issues;
  },
});
