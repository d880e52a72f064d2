import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulate';
import type { NodeRuntime } from '../../src/engine/kinds/types';
import { THROTTLED } from '../../src/engine/kinds/types';
import { scenario } from './helpers';

/**
 * Every answer to a call comes through the event queue: a callee that refuses at once (a
 * throttled Lambda, a full server fleet) never calls the caller's onReturn from inside its
 * own call(). Checked by watching the caller while the callee's call() runs.
 */
function watch(sim: Simulation, callerId: string, calleeId: string) {
  const nodes = sim.ctx.nodes;
  const caller = nodes.find((n) => n.spec.id === callerId)! as NodeRuntime;
  const callee = nodes.find((n) => n.spec.id === calleeId)! as NodeRuntime;
  const seen = { calls: 0, returns: 0, throttled: 0, insideCall: 0, sameTime: 0 };
  let inCall = false;
  let callT = -1;
  const call = callee.call.bind(callee);
  callee.call = (...args: Parameters<NodeRuntime['call']>) => {
    seen.calls++;
    inCall = true;
    callT = args[4];
    call(...args);
    inCall = false;
  };
  const onReturn = caller.onReturn.bind(caller);
  caller.onReturn = (slot, status, t) => {
    seen.returns++;
    if (inCall) seen.insideCall++;
    if (status === THROTTLED) {
      seen.throttled++;
      if (t === sim.ctx.queue.poppedTime && t >= callT) seen.sameTime++;
    }
    onReturn(slot, status, t);
  };
  return seen;
}

function runToEnd(sim: Simulation) {
  while (!sim.step(1 << 16));
  return sim.result();
}

describe('answers through the event queue', () => {
  it('a throttled Lambda answers API Gateway as an event at the same time, two events per request', () => {
    const doc = scenario(
      [
        { id: 'c', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 200 } } },
        { id: 'api', kind: 'apiGateway' },
        {
          id: 'f',
          kind: 'function',
          params: { reservedConcurrency: 5, duration: { dist: 'constant', meanMs: 100 } },
        },
      ],
      [
        { source: 'c', target: 'api' },
        { source: 'api', target: 'f' },
      ],
      { durationSeconds: 60 },
    );
    const sim = Simulation.create(doc);
    const seen = watch(sim, 'api', 'f');
    const r = runToEnd(sim);
    // 200/s against 5 × 10/s: most calls are refused.
    expect(seen.throttled).toBeGreaterThan(seen.calls / 2);
    expect(seen.insideCall).toBe(0);
    expect(seen.sameTime).toBe(seen.throttled);
    // Arrival + handler end, or arrival + refusal: two events per request either way.
    expect(r.engine.events).toBeGreaterThanOrEqual(2 * r.totals.requests - 10);
    expect(r.engine.events).toBeLessThanOrEqual(2 * r.totals.requests + 10);
  });

  it('a full server fleet answers 503 to the load balancer as an event', () => {
    const doc = scenario(
      [
        { id: 'c', kind: 'producer', params: { traffic: { shape: 'poisson', ratePerSecond: 400 } } },
        { id: 'alb', kind: 'loadBalancer' },
        {
          id: 's',
          kind: 'server',
          params: {
            instances: { min: 1, max: 1 },
            concurrencyPerInstance: 2,
            queueLimit: 1,
            duration: { dist: 'constant', meanMs: 100 },
          },
        },
      ],
      [
        { source: 'c', target: 'alb' },
        { source: 'alb', target: 's' },
      ],
      { durationSeconds: 30 },
    );
    const sim = Simulation.create(doc);
    const seen = watch(sim, 'alb', 's');
    runToEnd(sim);
    expect(seen.throttled).toBeGreaterThan(0);
    expect(seen.insideCall).toBe(0);
    expect(seen.sameTime).toBe(seen.throttled);
  });
});
