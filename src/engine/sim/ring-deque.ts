/**
 * A growable double-ended queue of numbers in a ring (power-of-two capacity): idle execution
 * environments and pollers, requests waiting for a server, FIFO groups ready to be read.
 * Pushing and popping allocate nothing until the ring is full, when it doubles. Values are
 * stored as doubles: slot indices and times alike are kept exactly.
 */
export class RingDeque {
  declare private buf: Float64Array;
  private head = 0;
  /** Number of values held. */
  size = 0;

  constructor(initialCapacity = 16) {
    let cap = 1;
    while (cap < initialCapacity) cap *= 2;
    this.buf = new Float64Array(cap);
  }

  pushBack(v: number): void {
    if (this.size === this.buf.length) this.grow();
    this.buf[(this.head + this.size) & (this.buf.length - 1)] = v;
    this.size++;
  }

  /** The oldest value (only when size > 0). */
  front(): number {
    return this.buf[this.head];
  }

  /** The newest value (only when size > 0). */
  back(): number {
    return this.buf[(this.head + this.size - 1) & (this.buf.length - 1)];
  }

  popFront(): number {
    const v = this.buf[this.head];
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.size--;
    return v;
  }

  popBack(): number {
    this.size--;
    return this.buf[(this.head + this.size) & (this.buf.length - 1)];
  }

  /** The i-th value from the front (0 ≤ i < size). */
  at(i: number): number {
    return this.buf[(this.head + i) & (this.buf.length - 1)];
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
  }

  private grow(): void {
    const old = this.buf;
    const mask = old.length - 1;
    const bigger = new Float64Array(old.length * 2);
    for (let i = 0; i < this.size; i++) bigger[i] = old[(this.head + i) & mask];
    this.buf = bigger;
    this.head = 0;
  }
}
