import { RingDeque } from '../../sim/ring-deque';
import { growI32, growU8 } from '../../sim/slots';
import type { Batches } from './batches';
import { VISIBLE, type Messages } from './messages';

/**
 * A FIFO queue's message groups: each a doubly linked list of its messages in send order
 * (through Messages.next/prev). A group may be read only when none of its messages is in
 * flight or waiting to come back; then a batch takes its first visible messages. Groups that
 * may be read wait in a ring, in the order they became ready.
 */
export class FifoGroups {
  head: Int32Array = new Int32Array(0);
  tail: Int32Array = new Int32Array(0);
  /** Messages of the group in flight or waiting out their visibility timeout. */
  busy: Int32Array = new Int32Array(0);
  /** The group's batch being filled during its window, −1 when none. */
  batch: Int32Array = new Int32Array(0);
  private isReady: Uint8Array = new Uint8Array(0);
  /** Groups that may be read, in the order they became ready. */
  readonly ready = new RingDeque(16);
  declare private readonly ms: Messages;
  declare private readonly bt: Batches;

  constructor(ms: Messages, bt: Batches) {
    this.ms = ms;
    this.bt = bt;
  }

  /** Message m joins the end of group g. */
  append(m: number, g: number): void {
    if (g >= this.head.length) this.grow(g + 1);
    const ms = this.ms;
    const tail = this.tail[g];
    ms.prev[m] = tail;
    ms.next[m] = -1;
    if (tail >= 0) ms.next[tail] = m;
    else this.head[g] = m;
    this.tail[g] = m;
  }

  /** Message m leaves its group. */
  unlink(m: number): void {
    const ms = this.ms;
    const g = ms.group[m];
    const prev = ms.prev[m];
    const next = ms.next[m];
    if (prev >= 0) ms.next[prev] = next;
    else this.head[g] = next;
    if (next >= 0) ms.prev[next] = prev;
    else this.tail[g] = prev;
  }

  /** Puts group g in the ready ring if a batch can start from it or its filling batch can grow. */
  maybeReady(g: number): void {
    if (this.isReady[g]) return;
    const b = this.batch[g];
    let m: number;
    if (b >= 0) m = this.ms.next[this.bt.last[b]];
    else if (this.busy[g] === 0) m = this.head[g];
    else return;
    if (m < 0 || this.ms.state[m] !== VISIBLE) return;
    this.isReady[g] = 1;
    this.ready.pushBack(g);
  }

  popReady(): void {
    this.isReady[this.ready.popFront()] = 0;
  }

  private grow(min: number): void {
    const cap = Math.max(min, this.head.length * 2, 16);
    const old = this.head.length;
    this.head = growI32(this.head, cap).fill(-1, old);
    this.tail = growI32(this.tail, cap).fill(-1, old);
    this.batch = growI32(this.batch, cap).fill(-1, old);
    this.busy = growI32(this.busy, cap);
    this.isReady = growU8(this.isReady, cap);
  }
}
