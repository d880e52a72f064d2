import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../src/engine/kernel/event-queue';

/** A push (time) or a pop, applied to the queue and to a plain list kept in order by a stable sort. */
type Op = { push: number } | { pop: true };

describe('event queue', () => {
  it('pops in time order, ties in insertion order, exactly as a stable sort of what was pushed', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            // Few distinct times: many ties.
            fc.record({ push: fc.integer({ min: 0, max: 6 }) }),
            fc.record({ push: fc.double({ min: 0, max: 1e6, noNaN: true }) }),
            fc.constant({ pop: true as const }),
          ),
          { maxLength: 400 },
        ),
        (ops: Op[]) => {
          const q = new EventQueue(1); // grows from 1: the doubling path is exercised too
          const ref: { t: number; id: number }[] = [];
          let id = 0;
          for (const op of ops) {
            if ('push' in op) {
              q.push(op.push, id & 0xffff, id);
              ref.push({ t: op.push, id });
              id++;
            } else {
              const popped = q.pop();
              expect(popped).toBe(ref.length > 0);
              if (!popped) continue;
              ref.sort((a, b) => a.t - b.t); // Array.prototype.sort is stable: ties keep insertion order
              const want = ref.shift()!;
              expect([q.poppedTime, q.poppedArg, q.poppedHandler]).toEqual([
                want.t,
                want.id,
                want.id & 0xffff,
              ]);
            }
          }
          ref.sort((a, b) => a.t - b.t);
          expect(q.size).toBe(ref.length);
          for (const want of ref) {
            expect(q.peekTime()).toBe(want.t);
            q.pop();
            expect(q.poppedArg).toBe(want.id);
          }
          expect(q.pop()).toBe(false);
          expect(q.peekTime()).toBe(Infinity);
        },
      ),
      { seed: 20261206, numRuns: 300 },
    );
  });

  it('popDue() pops what is due by the limit field, in order, and leaves later events in place', () => {
    const q = new EventQueue(4);
    for (const t of [5, 1, 9, 3, 7]) q.push(t, 0, t);
    q.limit = 6;
    const popped: number[] = [];
    while (q.popDue()) popped.push(q.poppedArg);
    expect(popped).toEqual([1, 3, 5]);
    expect(q.size).toBe(2);
    q.limit = Infinity;
    while (q.popDue()) popped.push(q.poppedArg);
    expect(popped).toEqual([1, 3, 5, 7, 9]);
  });
});
