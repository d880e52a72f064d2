import { describe, expect, it } from 'vitest';
import { importTemplate } from '../../../src/engine/sam/import';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { shortRun } from './corpus';
import { edge, imported, node } from './helpers';
import { expectRoundTrip } from './round-trip';

const FUNCTIONS = `
  Reserve:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler, CodeUri: src/ }
  Charge:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler, CodeUri: src/ }
  Refund:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler, CodeUri: src/ }
  Failures:
    Type: AWS::SQS::Queue
`;

/** One hand-written template per rule of the Step Functions mapping. */
describe('SAM import: state machines', () => {
  it('a Definition with Task + Retry + Catch, a Wait and a service task becomes those steps and edges', () => {
    const { doc, report } = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
${FUNCTIONS}
  Orders:
    Type: AWS::Serverless::StateMachine
    Properties:
      Type: EXPRESS
      DefinitionSubstitutions:
        ChargeArn: !GetAtt Charge.Arn
      Definition:
        StartAt: Reserve stock
        States:
          Reserve stock:
            Type: Task
            Resource: !GetAtt Reserve.Arn
            Next: Pause
          Pause:
            Type: Wait
            Seconds: 30
            Next: Charge card
          Charge card:
            Type: Task
            Resource: arn:aws:states:::lambda:invoke
            Parameters:
              FunctionName: \${ChargeArn}
              Payload.$: $
            Retry:
              - ErrorEquals: [States.TaskFailed]
                IntervalSeconds: 2
                MaxAttempts: 4
                BackoffRate: 1.5
            Catch:
              - ErrorEquals: [States.ALL]
                Next: Report failure
            Next: Record
          Record:
            Type: Task
            Resource: arn:aws:states:::sqs:sendMessage
            Parameters:
              QueueUrl: !Ref Failures
              MessageBody.$: $
            End: true
          Report failure:
            Type: Task
            Resource: arn:aws:states:::lambda:invoke
            Parameters: { FunctionName: !Ref Refund, InvocationType: Event }
            Next: Failed
          Failed:
            Type: Fail
`);
    const sm = node(doc, 'Orders');
    expect(sm.kind).toBe('stateMachine');
    expect(sm.params.workflowType).toBe('express');
    expect(sm.params.steps).toEqual([
      { name: 'Reserve stock', type: 'task', function: 'Reserve', onlyFor: '', maxAttempts: 0 },
      { name: 'Pause', type: 'wait', seconds: 30, onlyFor: '' },
      {
        name: 'Charge card',
        type: 'task',
        function: 'Charge',
        onlyFor: '',
        maxAttempts: 4,
        intervalSeconds: 2,
        backoffRate: 1.5,
        catchFailures: true,
      },
      { name: 'Record', type: 'wait', seconds: 0, onlyFor: '' },
    ]);
    edge(doc, 'Orders', 'Reserve');
    edge(doc, 'Orders', 'Charge');
    edge(doc, 'Orders', 'Failures');
    edge(doc, 'Orders', 'Refund', 'onFailure');
    expect(doc.edges.some((e) => e.source === 'Orders' && e.target === 'Refund' && !e.role)).toBe(false);
    expect(report.assumptions.join('\n')).toContain(
      'Record: service task arn:aws:states:::sqs:sendMessage is drawn as a write',
    );
    // Nothing starts it in the template: a producer stands in for StartExecution.
    edge(doc, 'traffic-Orders', 'Orders');
    expect(validateScenario(doc).ok).toBe(true);
    const t = shortRun(doc).totals;
    expect(t.requests).toBeGreaterThan(0);
    expect(t.requests).toBe(t.completed + t.failed + t.deadLettered + t.dropped + t.inFlight);
  });

  it('Choice → steps per event type (the producer sends them); Parallel → alongside; Map → a map step', () => {
    const { doc, report } = imported(`
Resources:
${FUNCTIONS}
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineType: STANDARD
      RoleArn: arn:aws:iam::123456789012:role/x
      Definition:
        StartAt: Kind?
        States:
          Kind?:
            Type: Choice
            Choices:
              - Variable: $.type
                StringEquals: refund
                Next: Give back
            Default: Both
          Give back:
            Type: Task
            Resource: !GetAtt Refund.Arn
            Next: Both
          Both:
            Type: Parallel
            Branches:
              - StartAt: R
                States: { R: { Type: Task, Resource: !GetAtt Reserve.Arn, End: true } }
              - StartAt: C
                States: { C: { Type: Task, Resource: !GetAtt Charge.Arn, End: true } }
            Next: Each
          Each:
            Type: Map
            MaxConcurrency: 5
            ItemProcessor:
              StartAt: One
              States:
                One:
                  Type: Task
                  Resource: !GetAtt Charge.Arn
                  Retry: [{ ErrorEquals: [States.ALL], MaxAttempts: 1 }]
                  End: true
            End: true
`);
    expect(node(doc, 'Flow').params).toEqual({
      workflowType: 'standard',
      steps: [
        { name: 'Give back', type: 'task', function: 'Refund', onlyFor: 'refund', maxAttempts: 0 },
        { name: 'R', type: 'task', function: 'Reserve', onlyFor: '', maxAttempts: 0 },
        { name: 'C', type: 'task', function: 'Charge', onlyFor: '', maxAttempts: 0, alongside: true },
        {
          name: 'Each',
          type: 'map',
          function: 'Charge',
          onlyFor: '',
          concurrency: 5,
          maxAttempts: 1,
          intervalSeconds: 1,
          backoffRate: 2,
        },
      ],
    });
    const producer = node(doc, 'traffic-Flow');
    // "other" takes the Default path (no step of its own), so not every execution refunds.
    expect(producer.params.eventTypes).toEqual([
      { name: 'other', weight: 1 },
      { name: 'refund', weight: 1 },
    ]);
    expect(report.assumptions.join('\n')).toContain('each branch runs only for one event type ("refund")');
    expect(report.assumptions.join('\n')).toContain('maps over 10 items');
    expect(validateScenario(doc).ok).toBe(true);
  });

  it('DefinitionString built with !Sub and DefinitionSubstitutions is resolved to the functions', () => {
    const { doc } = imported(`
Resources:
${FUNCTIONS}
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/x
      DefinitionSubstitutions:
        Target: !GetAtt Refund.Arn
      DefinitionString: !Sub |
        {"StartAt": "A", "States": {
          "A": {"Type": "Task", "Resource": "\${Charge.Arn}", "Next": "B"},
          "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "\${!Target}"}, "End": true}}}
`);
    expect((node(doc, 'Flow').params.steps as { function: string }[]).map((s) => s.function)).toEqual([
      'Charge',
      'Refund',
    ]);
    edge(doc, 'Flow', 'Charge');
    edge(doc, 'Flow', 'Refund');
  });

  it('SAM Events (Schedule, Api, EventBridgeRule) and a rule target naming the state machine become start edges', () => {
    const { doc } = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
${FUNCTIONS}
  Nightly:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Go
        States: { Go: { Type: Task, Resource: !GetAtt Charge.Arn, End: true } }
      Events:
        Every:
          Type: Schedule
          Properties: { Schedule: rate(5 minutes) }
        Post:
          Type: Api
          Properties: { Path: /run, Method: post }
        OnOrder:
          Type: EventBridgeRule
          Properties:
            Pattern: { detail-type: [OrderPlaced] }
  Bus:
    Type: AWS::Events::EventBus
    Properties: { Name: orders }
  ToFlow:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !Ref Bus
      EventPattern: { detail-type: [Refund] }
      Targets:
        - Id: sm
          Arn: !Ref Nightly
          RoleArn: arn:aws:iam::123456789012:role/x
`);
    expect(node(doc, 'NightlyEvery').kind).toBe('schedule');
    expect(node(doc, 'NightlyEvery').params).toEqual({ rateSeconds: 300 });
    edge(doc, 'NightlyEvery', 'Nightly');
    edge(doc, 'ServerlessRestApi', 'Nightly');
    expect(edge(doc, 'DefaultEventBus', 'Nightly').params).toEqual({ pattern: { type: ['OrderPlaced'] } });
    expect(edge(doc, 'Bus', 'Nightly').params).toEqual({ pattern: { type: ['Refund'] } });
    // Started from outside by its API and its buses: no producer straight into the state machine.
    expect(doc.edges.some((e) => e.source === 'traffic-Nightly')).toBe(false);
    expect(validateScenario(doc).ok).toBe(true);
  });

  it('DefinitionUri: read beside the template when the reader has it; otherwise the report says which file', () => {
    const template = `
Transform: AWS::Serverless-2016-10-31
Resources:
${FUNCTIONS}
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/flow.asl.json
      DefinitionSubstitutions:
        ChargeArn: !GetAtt Charge.Arn
        RefundArn: !GetAtt Refund.Arn
`;
    const asl = JSON.stringify({
      StartAt: 'C',
      States: {
        C: { Type: 'Task', Resource: '${ChargeArn}', Retry: [{ ErrorEquals: ['States.ALL'] }], End: true },
      },
    });
    const asked: string[] = [];
    const withFile = importTemplate(template, 't.yaml', (p) => {
      asked.push(p);
      return p === 'statemachine/flow.asl.json' ? asl : undefined;
    });
    if (!withFile.ok) throw new Error(withFile.reason);
    expect(asked).toEqual(['statemachine/flow.asl.json']);
    expect(node(withFile.doc, 'Flow').params.steps).toEqual([
      {
        name: 'C',
        type: 'task',
        function: 'Charge',
        onlyFor: '',
        maxAttempts: 3,
        intervalSeconds: 1,
        backoffRate: 2,
      },
    ]);

    const { doc, report } = imported(template);
    expect(report.assumptions.join('\n')).toContain(
      'its definition is in statemachine/flow.asl.json, beside the template, which this import did not read',
    );
    // The substitutions name the functions it calls: one call each, so the edges are there.
    expect((node(doc, 'Flow').params.steps as { function: string }[]).map((s) => s.function)).toEqual([
      'Charge',
      'Refund',
    ]);
    edge(doc, 'Flow', 'Charge');
    expect(validateScenario(doc).ok).toBe(true);
  });

  it('what the kind cannot say is listed, never dropped: a Fail branch, a loop, an unknown service, a timeout', () => {
    const { doc, report } = imported(`
Resources:
${FUNCTIONS}
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/x
      Definition:
        StartAt: Batch
        States:
          Batch:
            Type: Task
            Resource: arn:aws:states:::batch:submitJob.sync
            Next: Check
          Check:
            Type: Task
            Resource: !GetAtt Charge.Arn
            TimeoutSeconds: 10
            Next: Done?
          Done?:
            Type: Choice
            Choices: [{ Variable: $.done, BooleanEquals: false, Next: Check }]
            Default: Bye
          Bye:
            Type: Succeed
          Orphan:
            Type: Pass
            End: true
`);
    const parts = report.partsNotMapped.join('\n');
    expect(parts).toContain('Check: TimeoutSeconds is not simulated');
    expect(parts).toContain('Check: reached again (a loop');
    expect(parts).toContain('Orphan: not reached from StartAt');
    expect(report.assumptions.join('\n')).toContain(
      'service task arn:aws:states:::batch:submitJob.sync has no simulator kind',
    );
    expect(node(doc, 'Flow').params.steps).toEqual([
      { name: 'Batch', type: 'wait', seconds: 0, onlyFor: '' },
      { name: 'Check', type: 'task', function: 'Charge', onlyFor: '', maxAttempts: 0 },
    ]);
    expect(report.notMapped.some((n) => n.logicalId === 'Flow')).toBe(false);
  });

  it('export writes consecutive typed steps as one Choice with a branch per type, and reads it back', () => {
    const fn = (id: string) => ({ id, kind: 'function', label: id, position: { x: 0, y: 0 }, params: {} });
    const doc = {
      format: 'serverless-sim.scenario',
      version: 1,
      name: 'Branches',
      nodes: [
        fn('gold'),
        fn('silver'),
        fn('audit'),
        {
          id: 'flow',
          kind: 'stateMachine',
          label: 'Flow',
          position: { x: 0, y: 0 },
          params: {
            steps: [
              { name: 'Gold', function: 'gold', onlyFor: 'gold', maxAttempts: 0 },
              { name: 'Gold again', function: 'gold', onlyFor: 'gold', maxAttempts: 0 },
              { name: 'Silver', function: 'silver', onlyFor: 'silver', maxAttempts: 0 },
              { name: 'Audit', function: 'audit', maxAttempts: 0 },
            ],
          },
        },
      ],
      edges: [
        { id: 'c1', source: 'flow', target: 'gold', params: {} },
        { id: 'c2', source: 'flow', target: 'silver', params: {} },
        { id: 'c3', source: 'flow', target: 'audit', params: {} },
      ],
    };
    const yaml = expectRoundTrip(doc);
    const bare = importTemplate(yaml.slice(0, yaml.indexOf('\nMetadata:')), 'bare.yaml');
    if (!bare.ok) throw new Error(bare.reason);
    expect(
      (node(bare.doc, 'Flow').params.steps as { name: string; onlyFor: string }[]).map((s) => [
        s.name,
        s.onlyFor,
      ]),
    ).toEqual([
      ['Gold', 'gold'],
      ['Gold again', 'gold'],
      ['Silver', 'silver'],
      ['Audit', ''],
    ]);
    // One Choice state with two rules, each branch joining at Audit.
    expect(yaml.match(/Type: Choice/g)).toHaveLength(1);
    expect(yaml).toContain('StringEquals: gold');
    expect(yaml).toContain('StringEquals: silver');
    expect(yaml).toContain('Default: Audit');
  });

  it('export → import of a workflow with every step type gives back the same scenario', () => {
    const fn = (id: string) => ({ id, kind: 'function', label: id, position: { x: 0, y: 0 }, params: {} });
    const doc = {
      format: 'serverless-sim.scenario',
      version: 1,
      name: 'Workflow',
      nodes: [
        fn('reserve'),
        fn('charge'),
        fn('refund'),
        { id: 'failed', kind: 'queue', label: 'Failed', position: { x: 0, y: 0 }, params: {} },
        { id: 'api', kind: 'apiGateway', label: 'API', position: { x: 0, y: 0 }, params: { flavor: 'rest' } },
        {
          id: 'tick',
          kind: 'schedule',
          label: 'Tick',
          position: { x: 0, y: 0 },
          params: { rateSeconds: 600 },
        },
        {
          id: 'flow',
          kind: 'stateMachine',
          label: 'Order flow',
          position: { x: 0, y: 0 },
          params: {
            workflowType: 'express',
            steps: [
              { name: 'Reserve', function: 'reserve', onlyFor: 'order', maxAttempts: 2, catchFailures: true },
              { name: 'Charge', function: 'charge', alongside: true, maxAttempts: 0 },
              { name: 'Wait a bit', type: 'wait', seconds: 5 },
              {
                name: 'Refund all',
                type: 'map',
                function: 'refund',
                items: 3,
                concurrency: 2,
                onlyFor: 'refund',
              },
            ],
          },
        },
      ],
      edges: [
        { id: 'a', source: 'api', target: 'flow', params: {} },
        { id: 't', source: 'tick', target: 'flow', params: {} },
        { id: 'c1', source: 'flow', target: 'reserve', params: {} },
        { id: 'c2', source: 'flow', target: 'charge', params: {} },
        { id: 'c3', source: 'flow', target: 'refund', params: {} },
        { id: 'f', source: 'flow', target: 'failed', role: 'onFailure', params: {} },
      ],
    };
    expect(validateScenario(doc).ok).toBe(true);
    const yaml = expectRoundTrip(doc);
    // The template itself says it (not only the Metadata): the import of the bare resources.
    const bare = importTemplate(yaml.slice(0, yaml.indexOf('\nMetadata:')), 'bare.yaml');
    if (!bare.ok) throw new Error(bare.reason);
    const sm = bare.doc.nodes.find((n) => n.kind === 'stateMachine')!;
    expect(sm.params).toMatchObject({ workflowType: 'express' });
    expect(sm.params.steps).toEqual([
      {
        name: 'Reserve',
        type: 'task',
        function: 'Reserve',
        onlyFor: 'order',
        maxAttempts: 2,
        intervalSeconds: 1,
        backoffRate: 2,
        catchFailures: true,
      },
      {
        name: 'Charge',
        type: 'task',
        function: 'Charge',
        onlyFor: '',
        maxAttempts: 0,
        alongside: true,
        catchFailures: true,
      },
      { name: 'Wait a bit', type: 'wait', seconds: 5, onlyFor: '' },
      {
        name: 'Refund all',
        type: 'map',
        function: 'Refund',
        onlyFor: 'refund',
        concurrency: 2,
        maxAttempts: 3,
        intervalSeconds: 1,
        backoffRate: 2,
      },
    ]);
    expect(bare.report.partsNotMapped).toEqual([]);
    for (const [s, t, role] of [
      ['Api', 'Flow', 'invoke'],
      ['Tick', 'Flow', 'invoke'],
      ['Flow', 'Failed', 'onFailure'],
    ])
      edge(bare.doc, s, t, role);
  });
});
