import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Slots } from '../../../src/engine/sim/slots';

describe('Slots (a free list over typed arrays)', () => {
  it('liveMask and countHeld name exactly the slots handed out and not released, across growth', () => {
    // Random alloc/release sequences against a Set as the model: alloc() and release() keep
    // no live flags of their own (the mask is worked out from the free list at the end).
    const op = fc.oneof(fc.constant(-1), fc.nat(200));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        let req = new Int32Array(4);
        const s = new Slots(4, (cap) => {
          const r = new Int32Array(cap);
          r.set(req.subarray(0, Math.min(req.length, cap)));
          req = r;
        });
        const live = new Set<number>();
        for (const o of ops) {
          if (o < 0 || live.size === 0) {
            const i = s.alloc();
            expect(live.has(i)).toBe(false);
            live.add(i);
            // Even slots hold a request, odd ones hold none (-1), as redriven messages do.
            req[i] = i % 2 === 0 ? i : -1;
          } else {
            const i = [...live][o % live.size];
            live.delete(i);
            s.release(i);
          }
        }
        const mask = s.liveMask();
        expect(mask.length).toBe(s.capacity);
        for (let i = 0; i < mask.length; i++) expect(mask[i]).toBe(live.has(i) ? 1 : 0);
        expect(s.inUse).toBe(live.size);
        expect(s.countHeld(req)).toBe([...live].filter((i) => i % 2 === 0).length);
        expect(s.countHeld(req, (i) => i % 4 === 0)).toBe([...live].filter((i) => i % 4 === 0).length);
      }),
    );
  });
});
