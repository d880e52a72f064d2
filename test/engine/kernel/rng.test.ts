import { describe, expect, it } from 'vitest';
import { Rng, hashString, nodeRng } from '../../../src/engine/kernel/rng';

/**
 * An independent implementation of the generator in BigInt arithmetic (no Math.imul, no
 * `| 0` tricks): splitmix32 seeding, then sfc32. If the kernel's 32-bit version drifts from
 * the algorithm, the streams stop matching.
 */
const M = 1n << 32n;
const u = (x: bigint) => ((x % M) + M) % M;
function referenceStream(seed: number, stream: number, n: number): number[] {
  const mul = (a: bigint, b: bigint) => u(a * b);
  let s = u(BigInt(seed) ^ mul(u(BigInt(stream) ^ 0x9e3779b9n), 0x85ebca6bn));
  const next = () => {
    s = u(s + 0x9e3779b9n);
    let z = s;
    z = mul(z ^ (z >> 16n), 0x85ebca6bn);
    z = mul(z ^ (z >> 13n), 0xc2b2ae35n);
    return u(z ^ (z >> 16n));
  };
  let a = next();
  let b = next();
  let c = next();
  let d = next() | 1n;
  const sfc = () => {
    const t = u(a + b + d);
    d = u(d + 1n);
    a = b ^ (b >> 9n);
    b = u(c + (c << 3n));
    const r = u((c << 21n) | (c >> 11n));
    c = u(r + t);
    return t;
  };
  for (let i = 0; i < 12; i++) sfc();
  return Array.from({ length: n }, () => Number(sfc()));
}

describe('random number streams', () => {
  it('match an independent BigInt implementation of splitmix32 + sfc32', () => {
    for (const [seed, stream] of [
      [1, 0],
      [0, 0],
      [42, 7],
      [4294967295, hashString('orders')],
    ]) {
      const rng = new Rng(seed, stream);
      const got = Array.from({ length: 1000 }, () => rng.nextU32());
      expect(got).toEqual(referenceStream(seed, stream, 1000));
    }
  });

  it('hash node ids with 32-bit FNV-1a (published test vectors)', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });

  it('give each node its own stream, keyed by id, the same on every run', () => {
    const draw = (id: string) => {
      const r = nodeRng(7, id);
      return [r.next(), r.next(), r.next()];
    };
    expect(draw('orders')).toEqual(draw('orders'));
    expect(draw('orders')).not.toEqual(draw('billing'));
    expect(draw('orders')).toEqual(referenceStream(7, hashString('orders'), 3).map((x) => x / 2 ** 32));
  });

  it('next() is in [0, 1), nextOpen() in (0, 1], int(n) in [0, n)', () => {
    const r = new Rng(3);
    let bad = 0;
    for (let i = 0; i < 10000; i++) {
      const x = r.next();
      const y = r.nextOpen();
      const k = r.int(6);
      if (!(x >= 0 && x < 1) || !(y > 0 && y <= 1) || !(Number.isInteger(k) && k >= 0 && k < 6)) bad++;
    }
    expect(bad).toBe(0);
  });

  it('drawNormal() is Box–Muller of the next two draws of the stream (nextOpen then next), and the stream goes on after them', () => {
    const r = new Rng(11, 5);
    const ref = referenceStream(11, 5, 2001);
    for (let k = 0; k < 1000; k++) {
      r.drawNormal();
      const u1 = (ref[2 * k] + 1) / 2 ** 32;
      const u2 = ref[2 * k + 1] / 2 ** 32;
      expect(r.normal).toBe(Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    }
    expect(r.next()).toBe(ref[2000] / 2 ** 32);
  });

  it('drawLogOpen() is the log of the next nextOpen() draw of the stream, and the stream goes on after it', () => {
    const r = new Rng(11, 5);
    const ref = referenceStream(11, 5, 1001);
    for (let k = 0; k < 1000; k++) {
      r.drawLogOpen();
      expect(r.logOpen).toBe(Math.log((ref[k] + 1) / 2 ** 32));
    }
    expect(r.next()).toBe(ref[1000] / 2 ** 32);
  });

  it('drawNext() is the next next() draw of the stream, into a field', () => {
    const a = new Rng(3, 9);
    const b = new Rng(3, 9);
    for (let k = 0; k < 1000; k++) {
      a.drawNext();
      expect(a.uniform).toBe(b.next());
    }
    expect(a.nextU32()).toBe(b.nextU32());
  });
});
