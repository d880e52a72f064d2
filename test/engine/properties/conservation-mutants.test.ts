import { afterEach, describe, expect, it } from 'vitest';
import { ApiGatewayRuntime } from '../../../src/engine/kinds/apiGateway/runtime';
import { FunctionRuntime } from '../../../src/engine/kinds/function/runtime';
import { QueueRuntime } from '../../../src/engine/kinds/queue/runtime';
import type { Requests } from '../../../src/engine/sim/requests';
import { conserved, FAST, run, scenario } from '../helpers';

/**
 * Mutants: each test breaks one `requests.end()` on purpose, the way a bug in a node kind
 * would, and checks that the run's own conservation check (sim/conservation.ts) or the
 * queue's balance fails. The same scenario without the mutant must pass, or the check would
 * prove nothing.
 */
type Proto = Record<string, (...args: unknown[]) => unknown>;
const patched: [Proto, string, unknown][] = [];

/** Replaces a (private) method for one test; afterEach puts it back. */
function mutate(proto: object, name: string, make: (original: (...a: unknown[]) => unknown) => unknown) {
  const p = proto as Proto;
  patched.push([p, name, p[name]]);
  p[name] = make(p[name]) as Proto[string];
}

/** Runs `body` with `requests.end` doing nothing: the end() call inside it is removed. */
function withoutEnd(requests: Requests, body: () => void): void {
  const r = requests as unknown as { end: unknown };
  r.end = () => {};
  try {
    body();
  } finally {
    delete r.end;
  }
}

afterEach(() => {
  for (const [p, name, original] of patched.splice(0)) p[name] = original as Proto[string];
});

/** 2 messages/s into a queue nobody reads, kept 60 s: every message expires (dropped). */
const unread = () =>
  scenario(
    [
      { id: 'app', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 2 } } },
      { id: 'q', kind: 'queue', params: { retentionSeconds: 60 } },
    ],
    [{ source: 'app', target: 'q' }],
    { durationSeconds: 300 },
  );

/** Async events into a function that always fails, no destination: dropped after retries. */
const failing = () =>
  scenario(
    [
      { id: 'tick', kind: 'schedule', params: { rateSeconds: 60 } },
      { id: 'fn', kind: 'function', params: { ...FAST, errorRate: 1, asyncRetries: 0 } },
    ],
    [{ source: 'tick', target: 'fn' }],
    { durationSeconds: 600 },
  );

/** Requests through an API to a function. */
const api = () =>
  scenario(
    [
      { id: 'users', kind: 'producer', params: { traffic: { shape: 'constant', ratePerSecond: 5 } } },
      { id: 'api', kind: 'apiGateway' },
      { id: 'fn', kind: 'function', params: FAST },
    ],
    [
      { source: 'users', target: 'api' },
      { source: 'api', target: 'fn' },
    ],
    { durationSeconds: 60 },
  );

describe('conservation fails loudly when a node kind is wrong', () => {
  it('controls: the unmutated scenarios pass', () => {
    const q = run(unread());
    expect((q.nodes.q.metrics as Record<string, number>).expired).toBe(480); // 600 sent, 120 still kept
    conserved(q);
    expect(run(failing()).totals.dropped).toBe(10);
    expect(run(api()).totals.completed).toBe(300);
  });

  it('a queue that expires a message without ending its path', () => {
    mutate(
      QueueRuntime.prototype,
      'expire',
      (original) =>
        function (this: { ctx: { requests: Requests } }, ...a: unknown[]) {
          withoutEnd(this.ctx.requests, () => original.apply(this, a));
        },
    );
    expect(() => run(unread())).toThrow(
      /conservation broken: the request table has \d+ open paths, but the nodes hold \d+/,
    );
  });

  it('a function that gives up on an async event without ending its path', () => {
    mutate(
      FunctionRuntime.prototype,
      'failAsync',
      (original) =>
        function (this: { ctx: { requests: Requests } }, ...a: unknown[]) {
          withoutEnd(this.ctx.requests, () => original.apply(this, a));
        },
    );
    expect(() => run(failing())).toThrow(/conservation broken/);
  });

  it('an API that ends a request twice', () => {
    mutate(
      ApiGatewayRuntime.prototype,
      'respond',
      (original) =>
        function (this: unknown, ...a: unknown[]) {
          original.apply(this, a);
          original.apply(this, a);
        },
    );
    expect(() => run(api())).toThrow(/conservation broken/);
  });

  it('a queue that forgets to count what expired breaks its balance', () => {
    mutate(
      QueueRuntime.prototype,
      'expire',
      (original) =>
        function (this: { expired: number }, ...a: unknown[]) {
          const before = this.expired;
          original.apply(this, a);
          this.expired = before;
        },
    );
    const r = run(unread());
    expect(() => conserved(r)).toThrow(/sent = deleted \+ dead-lettered \+ expired \+ held/);
  });
});
