import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RingDeque } from '../../../src/engine/sim/ring-deque';

describe('RingDeque', () => {
  it('behaves as an array used from both ends, across growth and wrap-around', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 4 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
        ),
        (ops) => {
          const d = new RingDeque(2);
          const model: number[] = [];
          for (const [op, v] of ops) {
            if (op <= 1) {
              d.pushBack(v);
              model.push(v);
            } else if (model.length === 0) {
              continue;
            } else if (op === 2) {
              expect(d.front()).toBe(model[0]);
              expect(d.popFront()).toBe(model.shift());
            } else if (op === 3) {
              expect(d.back()).toBe(model[model.length - 1]);
              expect(d.popBack()).toBe(model.pop());
            } else {
              // Any finite v picks an index; values themselves may be any double, -0 included.
              const i = Math.floor(Math.abs(v)) % model.length;
              expect(d.at(i)).toBe(model[i]);
            }
            expect(d.size).toBe(model.length);
          }
          for (let i = 0; i < model.length; i++) expect(d.at(i)).toBe(model[i]);
          d.clear();
          expect(d.size).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
