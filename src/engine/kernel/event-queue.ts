/**
 * The simulation's event queue: a binary min-heap of (time, event id) in two typed arrays,
 * with each event's sequence number, handler and argument stored aside by id, plus a few
 * timer registers kept outside the heap.
 *
 * Ordering is by time, then by insertion sequence, so simultaneous events run in the order
 * they were scheduled (determinism does not depend on heap shape). Sifting moves only the
 * time and the id; the sequence is read only to break a tie of times.
 *
 * A timer register holds at most one pending event of a source that always has exactly one
 * (a producer's next arrival): setting it takes a sequence number from the same counter as
 * push(), so the order of events is exactly what it would be had the event been pushed, and
 * the heap stays smaller by one entry per source. Pushing, popping and setting timers
 * allocate nothing unless the heap or the event table has to grow, which doubles its arrays.
 */
export class EventQueue {
  declare private time: Float64Array;
  declare private id: Int32Array;
  private n = 0;
  private nextSeq = 0;

  // Events by id: sequence number, handler, argument; a free list of ids.
  declare private seq: Float64Array;
  declare private handler: Int32Array;
  declare private arg: Int32Array;
  declare private freeIds: Int32Array;
  private nFree = 0;
  private nIds = 0;

  // Timer registers (time Infinity when unset) and the index of the earliest, -1 when none.
  private tTime = new Float64Array(0);
  private tSeq = new Float64Array(0);
  private tHandler = new Int32Array(0);
  private tArg = new Int32Array(0);
  private tCount = 0;
  private tBest = -1;
  private tSet = 0;

  /** Time, handler and argument of the event last popped. */
  poppedTime = 0;
  poppedHandler = 0;
  poppedArg = 0;

  constructor(initialCapacity = 1024) {
    this.time = new Float64Array(initialCapacity);
    this.id = new Int32Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.handler = new Int32Array(initialCapacity);
    this.arg = new Int32Array(initialCapacity);
    this.freeIds = new Int32Array(initialCapacity);
  }

  /** Events pending, timers included. */
  get size(): number {
    return this.n + this.tSet;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    const h = this.n > 0 ? this.time[0] : Infinity;
    const b = this.tBest;
    if (b >= 0 && this.tTime[b] < h) return this.tTime[b];
    return h;
  }

  push(t: number, handler: number, arg: number): void {
    let e: number;
    if (this.nFree > 0) e = this.freeIds[--this.nFree];
    else {
      if (this.nIds === this.seq.length) this.growIds();
      e = this.nIds++;
    }
    const s = this.nextSeq++;
    this.seq[e] = s;
    this.handler[e] = handler;
    this.arg[e] = arg;
    if (this.n === this.time.length) this.growHeap();
    const time = this.time;
    const id = this.id;
    const seq = this.seq;
    let i = this.n++;
    // Sift up: move parents down until the new event's place is found.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p];
      if (pt < t || (pt === t && seq[id[p]] < s)) break;
      time[i] = pt;
      id[i] = id[p];
      i = p;
    }
    time[i] = t;
    id[i] = e;
  }

  /** Removes the earliest event into poppedTime/poppedHandler/poppedArg; false when empty. */
  pop(): boolean {
    return this.popUntil(Infinity);
  }

  /** The run loop's limit for popDue(). */
  limit = Infinity;

  /** popUntil(limit) with the limit read from the field: no double boxed for the call. */
  popDue(): boolean {
    return this.popUntil(this.limit);
  }

  /**
   * pop() when the earliest event is due at or before `limit`; false (and nothing removed)
   * when the queue is empty or its earliest event is later: the run loop's peekTime() and
   * pop() in one look at the heap's top and the best timer.
   */
  popUntil(limit: number): boolean {
    const b = this.tBest;
    if (b >= 0) {
      const tt = this.tTime[b];
      if (this.n === 0 || tt < this.time[0] || (tt === this.time[0] && this.tSeq[b] < this.seq[this.id[0]])) {
        if (tt > limit) return false;
        this.poppedTime = tt;
        this.poppedHandler = this.tHandler[b];
        this.poppedArg = this.tArg[b];
        this.tTime[b] = Infinity;
        this.tSet--;
        this.findBestTimer();
        return true;
      }
    }
    if (this.n === 0 || this.time[0] > limit) return false;
    const time = this.time;
    const id = this.id;
    const seq = this.seq;
    const e = id[0];
    this.poppedTime = time[0];
    this.poppedHandler = this.handler[e];
    this.poppedArg = this.arg[e];
    this.freeIds[this.nFree++] = e;
    const last = --this.n;
    if (last === 0) return true;
    const t = time[last];
    const le = id[last];
    const s = seq[le];
    // Bottom-up (Floyd): walk the hole from the root to a leaf along the earlier child, then
    // sift the former last element up from there. The last element is usually among the
    // latest, so it belongs near the bottom: one comparison per level instead of two.
    let i = 0;
    let c = 1;
    while (c < last) {
      const r = c + 1;
      if (r < last) {
        const tr = time[r];
        const tc = time[c];
        // The earlier child without a branch (which child wins is a coin toss the CPU cannot
        // predict): c + 1 when the right one is earlier. Equal times, rare, go by sequence.
        if (tr === tc) {
          if (seq[id[r]] < seq[id[c]]) c = r;
        } else c += +(tr < tc);
      }
      time[i] = time[c];
      id[i] = id[c];
      i = c;
      c = 2 * i + 1;
    }
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p];
      if (pt < t || (pt === t && seq[id[p]] < s)) break;
      time[i] = pt;
      id[i] = id[p];
      i = p;
    }
    time[i] = t;
    id[i] = le;
    return true;
  }

  /** A new timer register, unset; returns its index for setTimer. */
  addTimer(): number {
    const k = this.tCount++;
    const grow = (a: Float64Array) => {
      const b = new Float64Array(this.tCount);
      b.set(a);
      return b;
    };
    const growI = (a: Int32Array) => {
      const b = new Int32Array(this.tCount);
      b.set(a);
      return b;
    };
    this.tTime = grow(this.tTime);
    this.tSeq = grow(this.tSeq);
    this.tHandler = growI(this.tHandler);
    this.tArg = growI(this.tArg);
    this.tTime[k] = Infinity;
    return k;
  }

  /**
   * Sets timer k to fire at t (it must be unset: a register holds one pending event). Takes
   * the next sequence number, exactly as push() would.
   */
  setTimer(k: number, t: number, handler: number, arg: number): void {
    this.tTime[k] = t;
    this.tSeq[k] = this.nextSeq++;
    this.tHandler[k] = handler;
    this.tArg[k] = arg;
    this.tSet++;
    const b = this.tBest;
    if (b < 0 || t < this.tTime[b] || (t === this.tTime[b] && this.tSeq[k] < this.tSeq[b])) this.tBest = k;
  }

  private findBestTimer(): void {
    let best = -1;
    let bt = Infinity;
    let bs = 0;
    const tt = this.tTime;
    for (let k = 0; k < this.tCount; k++) {
      const t = tt[k];
      if (t < bt || (t === bt && t !== Infinity && this.tSeq[k] < bs)) {
        best = k;
        bt = t;
        bs = this.tSeq[k];
      }
    }
    this.tBest = best;
  }

  clear(): void {
    this.n = 0;
    this.nextSeq = 0;
    this.nFree = 0;
    this.nIds = 0;
    this.tTime.fill(Infinity);
    this.tSet = 0;
    this.tBest = -1;
  }

  private growHeap(): void {
    const cap = this.time.length * 2;
    const time = new Float64Array(cap);
    time.set(this.time);
    const id = new Int32Array(cap);
    id.set(this.id);
    this.time = time;
    this.id = id;
  }

  private growIds(): void {
    const cap = this.seq.length * 2;
    const seq = new Float64Array(cap);
    seq.set(this.seq);
    const hd = new Int32Array(cap);
    hd.set(this.handler);
    const ar = new Int32Array(cap);
    ar.set(this.arg);
    const fr = new Int32Array(cap);
    fr.set(this.freeIds);
    this.seq = seq;
    this.handler = hd;
    this.arg = ar;
    this.freeIds = fr;
  }
}
