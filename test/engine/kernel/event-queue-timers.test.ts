import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../src/engine/kernel/event-queue';

/**
 * The queue against a sorted list: events come out by time, ties in the order they were
 * scheduled, whether they went into the heap or into a timer register.
 */
describe('EventQueue timer registers and ids', () => {
  it('pops by time, then by scheduling order, timers included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 20 })), {
          minLength: 1,
          maxLength: 300,
        }),
        (ops) => {
          const q = new EventQueue(2);
          const timers = [q.addTimer(), q.addTimer(), q.addTimer()];
          const timerSet = [false, false, false];
          // Model: pending events as [time, seq, handler].
          let pending: [number, number, number][] = [];
          let seq = 0;
          let clock = 0;
          let handler = 0;
          for (const [op, dt] of ops) {
            if (op === 0 && pending.length > 0) {
              pending.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
              const [t, , h] = pending.shift()!;
              expect(q.pop()).toBe(true);
              expect(q.poppedTime).toBe(t);
              expect(q.poppedHandler).toBe(h);
              clock = t;
              if (h >= 1000) timerSet[h - 1000] = false;
              continue;
            }
            // Coarse times so that ties are common.
            const t = clock + (dt % 4);
            const k = op - 1;
            if (op >= 1 && !timerSet[k]) {
              q.setTimer(timers[k], t, 1000 + k, 0);
              timerSet[k] = true;
              pending.push([t, seq++, 1000 + k]);
            } else {
              handler++;
              q.push(t, handler, handler);
              pending.push([t, seq++, handler]);
            }
            expect(q.size).toBe(pending.length);
          }
          pending = pending.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          for (const [t, , h] of pending) {
            expect(q.peekTime()).toBe(t);
            expect(q.pop()).toBe(true);
            expect([q.poppedTime, q.poppedHandler]).toEqual([t, h]);
          }
          expect(q.pop()).toBe(false);
          expect(q.peekTime()).toBe(Infinity);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the argument with its event when ids are reused', () => {
    const q = new EventQueue(1);
    q.push(5, 1, 50);
    q.push(1, 2, 10);
    q.pop();
    q.push(3, 3, 30);
    q.push(3, 4, 31);
    const out: number[] = [];
    while (q.pop()) out.push(q.poppedArg);
    expect(out).toEqual([30, 31, 50]);
  });
});
