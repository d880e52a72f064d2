/**
 * The simulation's event queue: a binary min-heap kept in parallel typed arrays.
 *
 * Ordering is by time, then by insertion sequence, so simultaneous events run in the order
 * they were scheduled (determinism does not depend on heap shape). Pushing and popping
 * allocate nothing unless the heap has to grow, which doubles its arrays.
 */
export class EventQueue {
  private time: Float64Array;
  private seq: Float64Array;
  private handler: Int32Array;
  private arg: Int32Array;
  private n = 0;
  private nextSeq = 0;

  /** Time, handler and argument of the event last popped. */
  poppedTime = 0;
  poppedHandler = 0;
  poppedArg = 0;

  constructor(initialCapacity = 1024) {
    this.time = new Float64Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.handler = new Int32Array(initialCapacity);
    this.arg = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.time[0] : Infinity;
  }

  push(t: number, handler: number, arg: number): void {
    if (this.n === this.time.length) this.grow();
    const time = this.time;
    const seq = this.seq;
    const hd = this.handler;
    const ar = this.arg;
    const s = this.nextSeq++;
    let i = this.n++;
    // Sift up: move parents down until the new event's place is found.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p];
      if (pt < t || (pt === t && seq[p] < s)) break;
      time[i] = pt;
      seq[i] = seq[p];
      hd[i] = hd[p];
      ar[i] = ar[p];
      i = p;
    }
    time[i] = t;
    seq[i] = s;
    hd[i] = handler;
    ar[i] = arg;
  }

  /** Removes the earliest event into poppedTime/poppedHandler/poppedArg; false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    const time = this.time;
    const seq = this.seq;
    const hd = this.handler;
    const ar = this.arg;
    this.poppedTime = time[0];
    this.poppedHandler = hd[0];
    this.poppedArg = ar[0];
    const last = --this.n;
    if (last === 0) return true;
    const t = time[last];
    const s = seq[last];
    const h = hd[last];
    const a = ar[last];
    const half = last >> 1;
    let i = 0;
    // Sift down the former last element from the root.
    while (i < half) {
      let c = 2 * i + 1;
      const r = c + 1;
      if (r < last && (time[r] < time[c] || (time[r] === time[c] && seq[r] < seq[c]))) c = r;
      const ct = time[c];
      if (t < ct || (t === ct && s < seq[c])) break;
      time[i] = ct;
      seq[i] = seq[c];
      hd[i] = hd[c];
      ar[i] = ar[c];
      i = c;
    }
    time[i] = t;
    seq[i] = s;
    hd[i] = h;
    ar[i] = a;
    return true;
  }

  clear(): void {
    this.n = 0;
    this.nextSeq = 0;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const time = new Float64Array(cap);
    time.set(this.time);
    const seq = new Float64Array(cap);
    seq.set(this.seq);
    const hd = new Int32Array(cap);
    hd.set(this.handler);
    const ar = new Int32Array(cap);
    ar.set(this.arg);
    this.time = time;
    this.seq = seq;
    this.handler = hd;
    this.arg = ar;
  }
}
