import { MAP, PARALLEL, TASK, planStates, resolveFunction } from '../../kinds/stateMachine/plan';
import type { StepParams } from '../../kinds/stateMachine/schema';
import type { Scenario, ScenarioNode } from '../../scenario/schema';
import { getAtt, ref } from './ids';

type P = Record<string, unknown>;

/** Name of the state machine's input field a Choice reads (the event type the simulator draws). */
const TYPE_FIELD = '$.type';

/**
 * A state machine node as `AWS::Serverless::StateMachine`: its steps written as an Amazon
 * States Language definition the import reads back into the same steps (a Choice in front of
 * each step that runs only for one event type; a Parallel of one-task branches for tasks
 * marked alongside; an inline Map; a Retry per call; Catch to a failure path that sends the
 * failure to each on-failure target, then fails). Functions are named through
 * DefinitionSubstitutions, as SAM recommends, and allowed by LambdaInvokePolicy.
 */
export function stateMachineResource(
  n: ScenarioNode,
  s: Scenario,
  L: (id: string) => string,
  writePolicy: (target: ScenarioNode, logicalId: string) => P,
  busName: (bus: ScenarioNode, logicalId: string) => unknown,
): { Type: string; Properties: P } {
  const byId = new Map(s.nodes.map((x) => [x.id, x]));
  const out = (role: string) => s.edges.filter((e) => e.source === n.id && e.role === role);
  const called = out('invoke')
    .map((e) => byId.get(e.target)!)
    .filter((t) => t.kind === 'function')
    .map((t) => ({ id: t.id, label: t.label }));
  const steps = n.params.steps as StepParams[];
  const subs: P = {};
  const sub = (key: string, value: unknown) => {
    subs[key] = value;
    return `\${${key}}`;
  };
  const fnArn = (id: string) => sub(`${L(id)}Arn`, getAtt(L(id), 'Arn'));

  const names = new Set<string>();
  const unique = (base: string) => {
    const b = base.slice(0, 80);
    let name = b;
    for (let i = 2; names.has(name); i++) name = `${b.slice(0, 75)} ${i}`;
    names.add(name);
    return name;
  };
  // Row names first, so the states the exporter adds (choices, failure path) never take them.
  const rowNames = steps.map((st) => unique(st.name));

  // The failure path: one state per on-failure target, then Fail (written after the main states).
  const states: P = {};
  const failStates: P = {};
  // Without a step that catches, the failure path is unreachable: its edges travel in Metadata.
  const catching = steps.some((st) => st.catchFailures);
  const failTargets = catching ? out('onFailure').map((e) => byId.get(e.target)!) : [];
  const failStart = catching ? unique('Failed') : '';
  const failNames = failTargets.map((t) => unique(`Send failure to ${t.label}`));
  failTargets.forEach((t, i) => {
    const l = L(t.id);
    const next = i + 1 < failNames.length ? { Next: failNames[i + 1] } : { Next: failStart };
    const body: P =
      t.kind === 'function'
        ? {
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: fnArn(t.id), InvocationType: 'Event', 'Payload.$': '$' },
          }
        : t.kind === 'queue'
          ? {
              Resource: 'arn:aws:states:::sqs:sendMessage',
              Parameters: { QueueUrl: sub(`${l}Url`, ref(l)), 'MessageBody.$': '$' },
            }
          : t.kind === 'topic'
            ? {
                Resource: 'arn:aws:states:::sns:publish',
                Parameters: { TopicArn: sub(`${l}Arn`, ref(l)), 'Message.$': '$' },
              }
            : {
                Resource: 'arn:aws:states:::events:putEvents',
                Parameters: {
                  Entries: [
                    {
                      EventBusName: sub(`${l}Name`, busName(t, l)),
                      Source: 'workflow',
                      DetailType: 'Failure',
                      'Detail.$': '$',
                    },
                  ],
                },
              };
    failStates[failNames[i]] = { Type: 'Task', ...body, ...next };
  });
  if (failStart) failStates[failStart] = { Type: 'Fail', Error: 'WorkflowFailed' };
  const catchTo = failNames[0] ?? failStart;

  const retry = (st: StepParams): P =>
    st.maxAttempts > 0
      ? {
          Retry: [
            {
              ErrorEquals: ['States.ALL'],
              IntervalSeconds: st.intervalSeconds,
              MaxAttempts: st.maxAttempts,
              BackoffRate: st.backoffRate,
            },
          ],
        }
      : {};
  const catcher = (on: boolean): P => (on ? { Catch: [{ ErrorEquals: ['States.ALL'], Next: catchTo }] } : {});
  const call = (st: StepParams): P => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: fnArn(resolveFunction(st.function, called)!), 'Payload.$': '$' },
    ...retry(st),
  });

  const planned = planStates(steps);
  const mainNames = planned.map((p) =>
    p.op === PARALLEL ? unique(`${rowNames[p.rows[0]]} in parallel`) : rowNames[p.rows[0]],
  );
  // Consecutive states with a type are the branches of one Choice (see plan.ts): the group's
  // head is entered through it, and each branch runs its type's states in order.
  const groupEnd = planned.map(() => -1);
  for (let i = 0; i < planned.length; i++) {
    if (!planned[i].choiceHead) continue;
    let j = i;
    while (j + 1 < planned.length && planned[j + 1].onlyFor !== '' && !planned[j + 1].choiceHead) j++;
    for (let k = i; k <= j; k++) groupEnd[k] = j;
  }
  const groupTypes = (i: number) => [...new Set(planned.slice(i, groupEnd[i] + 1).map((p) => p.onlyFor))];
  const choiceNames = planned.map((p, i) => {
    if (!p.choiceHead) return '';
    const types = groupTypes(i);
    return unique(types.length === 1 ? `Is it ${types[0]}?` : 'Which event type?');
  });
  // Each planned state's entry from the state before it: its Choice when it heads one.
  const entries = planned.map((p, i) => (p.choiceHead ? choiceNames[i] : mainNames[i]));
  const needsDone = planned.length > 0 && planned[planned.length - 1].onlyFor !== '';
  const done = needsDone ? unique('Done') : '';
  const entryAfter = (i: number): P =>
    i + 1 < planned.length ? { Next: entries[i + 1] } : done ? { Next: done } : { End: true };

  planned.forEach((p, i) => {
    let after = entryAfter(i);
    if (p.onlyFor !== '') {
      // Within a branch: on to the next state of the same type, else past the whole Choice.
      let k = i + 1;
      while (k <= groupEnd[i] && planned[k].onlyFor !== p.onlyFor) k++;
      after = k <= groupEnd[i] ? { Next: mainNames[k] } : entryAfter(groupEnd[i]);
    }
    const name = mainNames[i];
    const first = steps[p.rows[0]];
    if (p.choiceHead) {
      const past = entryAfter(groupEnd[i]);
      states[choiceNames[i]] = {
        Type: 'Choice',
        Choices: groupTypes(i).map((type) => ({
          Variable: TYPE_FIELD,
          StringEquals: type,
          Next: mainNames[planned.findIndex((q, k) => k >= i && q.onlyFor === type)],
        })),
        Default: (past.Next as string | undefined) ?? done,
      };
    }
    if (p.op === TASK) states[name] = { ...call(first), ...catcher(first.catchFailures), ...after };
    else if (p.op === PARALLEL)
      states[name] = {
        Type: 'Parallel',
        Branches: p.rows.map((r) => ({
          StartAt: rowNames[r],
          States: { [rowNames[r]]: { ...call(steps[r]), End: true } },
        })),
        ...catcher(p.rows.some((r) => steps[r].catchFailures)),
        ...after,
      };
    else if (p.op === MAP) {
      const item = unique(`${name} item`);
      states[name] = {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: first.concurrency,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: item,
          States: { [item]: { ...call(first), End: true } },
        },
        ...catcher(first.catchFailures),
        ...after,
      };
    } else states[name] = { Type: 'Wait', Seconds: first.seconds, ...after };
  });

  if (done) states[done] = { Type: 'Succeed' };
  Object.assign(states, failStates);
  const targets = [...new Set([...called.map((c) => c.id), ...failTargets.map((t) => t.id)])];
  const policies = targets.map((id) => {
    const t = byId.get(id)!;
    return t.kind === 'function'
      ? { LambdaInvokePolicy: { FunctionName: ref(L(id)) } }
      : writePolicy(t, L(id));
  });
  const props: P = {
    Type: n.params.workflowType === 'express' ? 'EXPRESS' : 'STANDARD',
    Definition: { StartAt: entries[0], States: states },
  };
  if (Object.keys(subs).length) props.DefinitionSubstitutions = subs;
  if (policies.length) props.Policies = policies;
  return { Type: 'AWS::Serverless::StateMachine', Properties: props };
}
