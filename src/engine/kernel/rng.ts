/**
 * Seeded pseudo-random numbers: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator),
 * 128 bits of state, passes PractRand; small and fast in 32-bit integer arithmetic.
 * The simulation never calls Math.random: every draw comes from one of these.
 */
export class Rng {
  /**
   * a, b, c, d in an Int32Array: as plain fields, 32-bit values beyond V8's small integers
   * would be boxed on every write (an allocation per draw).
   */
  private readonly s = new Int32Array(4);

  constructor(seed: number, stream = 0) {
    // Expand (seed, stream) into 128 bits with splitmix32 so nearby seeds give unrelated streams.
    let s = (seed ^ Math.imul(stream ^ 0x9e3779b9, 0x85ebca6b)) >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s[0] = next();
    this.s[1] = next();
    this.s[2] = next();
    this.s[3] = next() | 1;
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  nextU32(): number {
    const st = this.s;
    const a = st[0];
    const b = st[1];
    const c = st[2];
    const d = st[3];
    const t = (((a + b) | 0) + d) | 0;
    st[3] = (d + 1) | 0;
    st[0] = b ^ (b >>> 9);
    st[1] = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    st[2] = (r + t) | 0;
    return t >>> 0;
  }

  /**
   * Uniform in [0, 1) with 32 bits of resolution. The step is written out here rather than
   * calling nextU32(): its unsigned result above 2^30 is not a small integer, so a call that
   * V8 does not inline would box it (an allocation per draw).
   */
  next(): number {
    const st = this.s;
    const a = st[0];
    const b = st[1];
    const c = st[2];
    const d = st[3];
    const t = (((a + b) | 0) + d) | 0;
    st[3] = (d + 1) | 0;
    st[0] = b ^ (b >>> 9);
    st[1] = (c + (c << 3)) | 0;
    st[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Uniform in (0, 1]: safe for log(). The same step as next(). */
  nextOpen(): number {
    const st = this.s;
    const a = st[0];
    const b = st[1];
    const c = st[2];
    const d = st[3];
    const t = (((a + b) | 0) + d) | 0;
    st[3] = (d + 1) | 0;
    st[0] = b ^ (b >>> 9);
    st[1] = (c + (c << 3)) | 0;
    st[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return ((t >>> 0) + 1) / 4294967296;
  }

  /** The last drawNext(): uniform in [0, 1) (a field, as `normal` is). */
  uniform = 0.5;

  /** next() into `uniform`: the same step and number, for a caller V8 does not inline it into. */
  drawNext(): void {
    const st = this.s;
    const a = st[0];
    const b = st[1];
    const c = st[2];
    const d = st[3];
    const t = (((a + b) | 0) + d) | 0;
    st[3] = (d + 1) | 0;
    st[0] = b ^ (b >>> 9);
    st[1] = (c + (c << 3)) | 0;
    st[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    this.uniform = (t >>> 0) / 4294967296;
  }

  /** The last drawLogOpen(): the log of a uniform in (0, 1] (a field, as `normal` is). */
  logOpen = -0.5;

  /**
   * Draws Math.log(nextOpen()) into `logOpen`, the step written out: an exponential gap's draw
   * (every Poisson arrival), which a caller V8 does not inline it into would get boxed.
   */
  drawLogOpen(): void {
    const st = this.s;
    const a = st[0];
    const b = st[1];
    const c = st[2];
    const d = st[3];
    const t = (((a + b) | 0) + d) | 0;
    st[3] = (d + 1) | 0;
    st[0] = b ^ (b >>> 9);
    st[1] = (c + (c << 3)) | 0;
    st[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    this.logOpen = Math.log(((t >>> 0) + 1) / 4294967296);
  }

  /** The last drawNormal() (a field: a double kept here is not boxed on each draw). */
  normal = 0.5;

  /**
   * Draws a standard normal into `normal`, by Box–Muller from nextOpen() then next(), both
   * steps written out: a double returned from a call V8 does not inline is boxed (an
   * allocation per draw), and this runs for every sampled duration.
   */
  drawNormal(): void {
    const st = this.s;
    let a = st[0];
    let b = st[1];
    let c = st[2];
    let d = st[3];
    const t1 = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t1) | 0;
    const t2 = (((a + b) | 0) + d) | 0;
    st[3] = (d + 1) | 0;
    st[0] = b ^ (b >>> 9);
    st[1] = (c + (c << 3)) | 0;
    st[2] = (((c << 21) | (c >>> 11)) + t2) | 0;
    const u = ((t1 >>> 0) + 1) / 4294967296;
    const v = (t2 >>> 0) / 4294967296;
    this.normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** A stable 32-bit hash of a string (FNV-1a), used to give each node its own stream. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * One stream per node, keyed by the node's id rather than its position, so adding a node
 * does not change the traffic of the others: two scenarios with the same producer id and
 * seed see exactly the same arrivals (what a fair comparison needs).
 */
export function nodeRng(seed: number, nodeId: string): Rng {
  return new Rng(seed, hashString(nodeId));
}
