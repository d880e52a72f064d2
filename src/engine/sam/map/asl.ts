import type { NodeKind } from '../../kinds/types';
import { MAP_MAX_CONCURRENCY, MAX_STEPS } from '../../kinds/stateMachine/schema';
import { ResRef, numberOf, stringOf } from '../intrinsics';
import { isObj } from '../template';

/**
 * An Amazon States Language definition → the state machine kind's flat step rows, as far as
 * the kind can say it. The kind runs steps top to bottom, so the walk follows `Next` from
 * `StartAt`; a Choice's branches become steps that run only for one event type each; a
 * Parallel's branches become tasks marked `alongside`; a Map one map step; Retry the step's
 * retrier and Catch its failure path. Everything else is named in `assumed` or `notMapped`.
 */

type Obj = Record<string, unknown>;

export interface AslEnv {
  /** Logical id of the resource a value names (Ref, GetAtt, `${Id.Arn}`, a name or an ARN). */
  target(v: unknown): string | undefined;
  /** Kind of the node a logical id became, if it became one. */
  kindOf(logicalId: string): NodeKind | undefined;
  /** Node id of a logical id (what a step row names). */
  nodeId(logicalId: string): string;
  /** The account's default bus (events:putEvents without a bus name). */
  defaultBus(): string;
}

export interface AslReading {
  steps: Obj[];
  /** Functions Task and Map steps call: the sync call edges. */
  calls: { to: string; via: string }[];
  /** Queues, topics, buses, streams, buckets, tables and state machines a service task writes to. */
  writes: { to: string; via: string }[];
  /** Where a Catch sends the failure (the first function, queue, topic or bus its handler reaches). */
  failures: { to: string; via: string }[];
  assumed: string[];
  notMapped: string[];
}

const SINKS: readonly NodeKind[] = [
  'queue',
  'topic',
  'eventBus',
  'stream',
  'bucket',
  'table',
  'stateMachine',
];
const FAILURE_TARGETS: readonly NodeKind[] = ['function', 'queue', 'topic', 'eventBus'];
/** Service actions that put something somewhere (a read is a transition and nothing else). */
const WRITE_ACTIONS =
  /(sendMessage|publish|putEvents|putItem|updateItem|deleteItem|batchWriteItem|transactWriteItems|putObject|copyObject|putRecords?|startExecution)/i;

const MAX_WAIT_SECONDS = 31_536_000;

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function statesOf(def: Obj): Obj {
  return isObj(def.States) ? def.States : {};
}

/** String and reference leaves of a value (where a service task names its resource). */
function leaves(v: unknown, out: unknown[] = [], depth = 0): unknown[] {
  if (depth > 20) return out;
  if (v instanceof ResRef) out.push(v);
  else if (Array.isArray(v)) for (const x of v) leaves(x, out, depth + 1);
  else if (isObj(v)) for (const x of Object.values(v)) leaves(x, out, depth + 1);
  else if (v !== undefined && v !== null) out.push(v);
  return out;
}

export function readAsl(def: Obj, env: AslEnv, sm: string): AslReading {
  const r: AslReading = { steps: [], calls: [], writes: [], failures: [], assumed: [], notMapped: [] };
  const visited = new Set<string>();
  const handlers = new Set<string>();
  const names = new Set<string>();
  const via = (state: string) => `${sm} Definition state ${state}`;

  const rowName = (state: string) => {
    const base = state.slice(0, 80) || 'Step';
    let n = base;
    for (let i = 2; names.has(n); i++) n = `${base.slice(0, 75)} ${i}`;
    names.add(n);
    return n;
  };

  /** The function a Task state calls (Lambda invoke integration, or the function's ARN as Resource). */
  const lambdaOf = (st: Obj): string | undefined => {
    const res = stringOf(st.Resource) ?? '';
    const params = isObj(st.Parameters) ? st.Parameters : isObj(st.Arguments) ? st.Arguments : {};
    const named = /:states:::lambda:invoke/.test(res) ? params.FunctionName : st.Resource;
    const id = env.target(named);
    return id && env.kindOf(id) === 'function' ? id : undefined;
  };

  /** The resource a service task writes to, if it writes to a node. */
  const writeOf = (st: Obj): string | undefined => {
    const res = stringOf(st.Resource) ?? '';
    if (!WRITE_ACTIONS.test(res)) return undefined;
    const params = isObj(st.Parameters) ? st.Parameters : isObj(st.Arguments) ? st.Arguments : {};
    for (const leaf of leaves(params)) {
      const id = env.target(leaf);
      const kind = id ? env.kindOf(id) : undefined;
      if (id && kind && SINKS.includes(kind)) return id;
    }
    if (/events:putEvents/i.test(res)) return env.defaultBus();
    return undefined;
  };

  /** Retry → the row's retrier; ASL retries nothing without a Retry field. */
  const retrier = (st: Obj, state: string): Obj => {
    const list = Array.isArray(st.Retry) ? st.Retry.filter(isObj) : [];
    if (list.length === 0) return { maxAttempts: 0 };
    const first = list[0];
    if (list.length > 1)
      r.assumed.push(
        `${via(state)}: ${list.length} retriers; the first one (${JSON.stringify(first.ErrorEquals ?? [])}) is used for every error`,
      );
    for (const k of ['MaxDelaySeconds', 'JitterStrategy'])
      if (first[k] !== undefined) r.notMapped.push(`${via(state)}: Retry ${k} is not simulated`);
    const attempts = numberOf(first.MaxAttempts) ?? 3;
    const interval = numberOf(first.IntervalSeconds) ?? 1;
    const backoff = numberOf(first.BackoffRate) ?? 2;
    const out = {
      maxAttempts: clamp(Math.round(attempts), 0, 10),
      intervalSeconds: clamp(Math.round(interval), 1, 3600),
      backoffRate: clamp(backoff, 1, 10),
    };
    if (out.maxAttempts !== attempts || out.intervalSeconds !== interval || out.backoffRate !== backoff)
      r.assumed.push(
        `${via(state)}: Retry (MaxAttempts ${attempts}, IntervalSeconds ${interval}, BackoffRate ${backoff}) brought into the simulator's range (at most 10 retries, 1–3600 s, backoff 1–10)`,
      );
    return out;
  };

  /** Catch → the row catches; the handler's first call or write is the failure path. */
  const catcher = (st: Obj, state: string, states: Obj): boolean => {
    const list = Array.isArray(st.Catch) ? st.Catch.filter(isObj) : [];
    if (list.length === 0) return false;
    for (const c of list) {
      const next = stringOf(c.Next);
      if (next) handlerChain(next, states, state);
    }
    return true;
  };

  const handlerChain = (start: string, states: Obj, from: string) => {
    let name: string | undefined = start;
    while (name && !handlers.has(name)) {
      if (visited.has(name)) {
        r.notMapped.push(
          `${via(from)}: its Catch continues on the main path at ${name}; the simulator ends a caught execution after its failure path`,
        );
        return;
      }
      handlers.add(name);
      const raw: unknown = states[name];
      const st: Obj = isObj(raw) ? raw : {};
      if (st.Type === 'Task') {
        const id = lambdaOf(st) ?? writeOf(st);
        const kind = id ? env.kindOf(id) : undefined;
        if (id && kind && FAILURE_TARGETS.includes(kind))
          r.failures.push({ to: id, via: `${via(from)} Catch → ${name}` });
        else r.notMapped.push(`${via(name)} (on the Catch path): it calls nothing the simulator draws`);
      } else if (st.Type !== 'Fail' && st.Type !== 'Succeed' && st.Type !== 'Pass')
        r.notMapped.push(`${via(name)} (on the Catch path, ${String(st.Type)}): not simulated`);
      name = st.End === true ? undefined : stringOf(st.Next);
    }
  };

  /** States reachable from one (by Next, Default and Choices), in breadth-first order. */
  const reach = (start: string, states: Obj): string[] => {
    const seen = [start];
    for (let i = 0; i < seen.length; i++) {
      const st = states[seen[i]];
      if (!isObj(st)) continue;
      const next = [
        stringOf(st.Next),
        stringOf(st.Default),
        ...(Array.isArray(st.Choices) ? st.Choices.filter(isObj).map((c) => stringOf(c.Next)) : []),
      ];
      for (const n of next) if (n && !seen.includes(n)) seen.push(n);
    }
    return seen;
  };

  const push = (row: Obj) => {
    if (r.steps.length >= MAX_STEPS) {
      r.notMapped.push(`${via(String(row.name))}: beyond the ${MAX_STEPS} steps a state machine node holds`);
      return false;
    }
    r.steps.push(row);
    return true;
  };

  /** A state that costs a transition but does nothing the simulator draws: a 0-second wait. */
  const placeholder = (state: string, onlyFor: string, why: string) => {
    if (push({ name: rowName(state), type: 'wait', seconds: 0, onlyFor }))
      r.assumed.push(`${via(state)}: ${why}; kept as a 0-second wait step (one state transition, no time)`);
  };

  /** The first Lambda task of a nested state machine (a Parallel branch, a Map's processor). */
  const firstLambda = (sub: Obj): { state: string; st: Obj; fn: string; others: string[] } | undefined => {
    const states = statesOf(sub);
    const order = reach(stringOf(sub.StartAt) ?? '', states);
    for (const name of order) {
      const st = states[name];
      if (!isObj(st) || st.Type !== 'Task') continue;
      const fn = lambdaOf(st);
      if (fn) return { state: name, st, fn, others: order.filter((n) => n !== name && n in states) };
    }
    return undefined;
  };

  /** Writes anywhere inside a nested state machine become write edges. */
  const nestedWrites = (sub: Obj, where: string) => {
    for (const [name, st] of Object.entries(statesOf(sub))) {
      if (!isObj(st) || st.Type !== 'Task' || lambdaOf(st)) continue;
      const to = writeOf(st);
      if (to) r.writes.push({ to, via: `${via(where)} → ${name}` });
    }
  };

  const task = (name: string, st: Obj, onlyFor: string, states: Obj) => {
    const fn = lambdaOf(st);
    if (fn) {
      const row: Obj = { name: rowName(name), type: 'task', function: env.nodeId(fn), onlyFor };
      Object.assign(row, retrier(st, name));
      if (catcher(st, name, states)) row.catchFailures = true;
      for (const k of ['TimeoutSeconds', 'HeartbeatSeconds'])
        if (st[k] !== undefined)
          r.notMapped.push(`${via(name)}: ${k} is not simulated (the function's own timeout is)`);
      if (/waitForTaskToken/.test(stringOf(st.Resource) ?? ''))
        r.assumed.push(
          `${via(name)}: .waitForTaskToken simulated as a plain call (the workflow waits for the function's answer)`,
        );
      if (push(row)) r.calls.push({ to: fn, via: via(name) });
      return;
    }
    const res = stringOf(st.Resource) ?? String(st.Resource);
    const to = writeOf(st);
    if (to) {
      r.writes.push({ to, via: via(name) });
      placeholder(
        name,
        onlyFor,
        `service task ${res} is drawn as a write from the state machine to ${to} (sent when the execution succeeds)`,
      );
    } else
      placeholder(
        name,
        onlyFor,
        /lambda/.test(res)
          ? `it calls a function that is not in this template (${res})`
          : `service task ${res} has no simulator kind`,
      );
    if (Array.isArray(st.Retry) || Array.isArray(st.Catch)) {
      r.notMapped.push(
        `${via(name)}: Retry/Catch of a service task is not simulated (only a function call's)`,
      );
      if (Array.isArray(st.Catch)) catcher(st, name, states);
    }
  };

  const parallel = (name: string, st: Obj, onlyFor: string, states: Obj) => {
    const branches = Array.isArray(st.Branches) ? st.Branches.filter(isObj) : [];
    const retry = retrier(st, name);
    const catches = catcher(st, name, states);
    let first = true;
    branches.forEach((b, i) => {
      nestedWrites(b, name);
      const hit = firstLambda(b);
      if (!hit) {
        r.notMapped.push(
          `${via(name)} branch ${i + 1}: it calls no function of this template; not simulated`,
        );
        return;
      }
      const row: Obj = {
        name: rowName(hit.state),
        type: 'task',
        function: env.nodeId(hit.fn),
        onlyFor: first ? onlyFor : '',
        ...(Array.isArray(hit.st.Retry) ? retrier(hit.st, hit.state) : retry),
      };
      if (!first) row.alongside = true;
      if (catches || (Array.isArray(hit.st.Catch) && hit.st.Catch.length > 0)) row.catchFailures = true;
      if (hit.others.length)
        r.notMapped.push(
          `${via(name)} branch ${i + 1}: states ${hit.others.join(', ')} beside ${hit.state} are not simulated (a branch is one task in the simulator)`,
        );
      if (push(row)) {
        r.calls.push({ to: hit.fn, via: `${via(name)} branch ${i + 1} → ${hit.state}` });
        first = false;
      }
    });
    if (first)
      placeholder(name, onlyFor, 'a Parallel state whose branches call no function of this template');
    else if (Array.isArray(st.Retry))
      r.assumed.push(`${via(name)}: the Parallel state's Retry is applied to each branch's call`);
  };

  const map = (name: string, st: Obj, onlyFor: string, states: Obj) => {
    const proc = isObj(st.ItemProcessor) ? st.ItemProcessor : isObj(st.Iterator) ? st.Iterator : {};
    nestedWrites(proc, name);
    const hit = firstLambda(proc);
    if (!hit) {
      placeholder(name, onlyFor, 'a Map whose items call no function of this template');
      return;
    }
    const cfg = isObj(proc.ProcessorConfig) ? proc.ProcessorConfig : {};
    const max = numberOf(st.MaxConcurrency) ?? 0;
    if (cfg.Mode === 'DISTRIBUTED')
      r.assumed.push(
        `${via(name)}: a distributed Map is simulated as an inline one (at most ${MAP_MAX_CONCURRENCY} items at once)`,
      );
    const row: Obj = {
      name: rowName(name),
      type: 'map',
      function: env.nodeId(hit.fn),
      onlyFor,
      concurrency: max <= 0 ? MAP_MAX_CONCURRENCY : clamp(Math.round(max), 1, MAP_MAX_CONCURRENCY),
      ...retrier(hit.st, hit.state),
    };
    if (catcher(st, name, states) || (Array.isArray(hit.st.Catch) && hit.st.Catch.length > 0))
      row.catchFailures = true;
    r.assumed.push(
      `${via(name)}: each execution maps over 10 items (the item count is in the input, not the definition): set yours`,
    );
    if (hit.others.length)
      r.notMapped.push(
        `${via(name)}: item states ${hit.others.join(', ')} beside ${hit.state} are not simulated (an item is one call in the simulator)`,
      );
    if (push(row)) r.calls.push({ to: hit.fn, via: `${via(name)} → ${hit.state}` });
  };

  /** Event type a Choice rule lets through: the value it compares, or the rule's position. */
  const ruleType = (c: Obj, choice: string, i: number): string => {
    const eq = (x: Obj): string | undefined =>
      stringOf(x.StringEquals) ??
      (Array.isArray(x.And) ? x.And.filter(isObj).map(eq).find(Boolean) : undefined) ??
      (Array.isArray(x.Or) ? x.Or.filter(isObj).map(eq).find(Boolean) : undefined);
    return (eq(c) ?? `${choice} ${i + 1}`).slice(0, 200);
  };

  const choice = (name: string, st: Obj, outer: string, states: Obj): string | undefined => {
    const rules = Array.isArray(st.Choices) ? st.Choices.filter(isObj) : [];
    const branches: { start: string; type: string }[] = [];
    const taken = new Set<string>();
    rules.forEach((c, i) => {
      const next = stringOf(c.Next);
      if (!next) return;
      let type = ruleType(c, name, i);
      for (let k = 2; taken.has(type); k++) type = `${ruleType(c, name, i)} ${k}`;
      taken.add(type);
      branches.push({ start: next, type });
    });
    const def = stringOf(st.Default);
    if (def) branches.push({ start: def, type: `${name} default`.slice(0, 200) });
    if (branches.length === 0) return undefined;
    const reaches = branches.map((b) => new Set(reach(b.start, states)));
    const merge = reach(branches[0].start, states).find((s) => reaches.every((set) => set.has(s)));
    if (outer)
      r.assumed.push(
        `${via(name)}: a Choice inside the branch for "${outer}"; its steps run for its own event types only`,
      );
    const types: string[] = [];
    for (const b of branches) {
      if (b.start === merge) continue;
      const before = r.steps.length;
      walk(b.start, b.type, states, merge);
      if (r.steps.length > before) types.push(b.type);
    }
    if (types.length)
      r.assumed.push(
        `${via(name)}: each branch runs only for one event type (${types.map((t) => `"${t}"`).join(', ')}); the traffic sends them in equal shares: set the weights your traffic has. The simulator counts the Choice as one state transition, as AWS does`,
      );
    return merge;
  };

  const walk = (start: string | undefined, onlyFor: string, states: Obj, stop?: string) => {
    let name = start;
    while (name && name !== stop) {
      if (visited.has(name)) {
        r.notMapped.push(
          `${via(name)}: reached again (a loop, or branches that meet later); the simulator runs each step once per execution`,
        );
        return;
      }
      visited.add(name);
      const st = states[name];
      if (!isObj(st)) {
        r.notMapped.push(`${sm} Definition: state ${name} is named but not defined`);
        return;
      }
      switch (st.Type) {
        case 'Task':
          task(name, st, onlyFor, states);
          break;
        case 'Wait': {
          const s = numberOf(st.Seconds);
          if (s === undefined)
            r.assumed.push(
              `${via(name)}: waits for a time from the input (${['SecondsPath', 'Timestamp', 'TimestampPath'].find((k) => st[k] !== undefined) ?? 'no Seconds'}); simulated as 0 s: set yours`,
            );
          push({ name: rowName(name), type: 'wait', seconds: clamp(s ?? 0, 0, MAX_WAIT_SECONDS), onlyFor });
          break;
        }
        case 'Pass':
          placeholder(name, onlyFor, 'a Pass state');
          break;
        case 'Choice':
          name = choice(name, st, onlyFor, states);
          continue;
        case 'Parallel':
          parallel(name, st, onlyFor, states);
          break;
        case 'Map':
          map(name, st, onlyFor, states);
          break;
        case 'Succeed':
          return;
        case 'Fail':
          r.notMapped.push(
            `${via(name)}: a Fail state${onlyFor ? ` on the branch for "${onlyFor}"` : ''}; executions reaching it count as succeeded in the simulator`,
          );
          return;
        default:
          r.notMapped.push(`${via(name)}: state type ${String(st.Type)} is not known`);
          return;
      }
      if (st.End === true) return;
      name = stringOf(st.Next);
    }
  };

  const states = statesOf(def);
  walk(stringOf(def.StartAt), '', states);
  for (const name of Object.keys(states))
    if (!visited.has(name) && !handlers.has(name))
      r.notMapped.push(`${via(name)}: not reached from StartAt by the simulator's walk`);
  return r;
}
