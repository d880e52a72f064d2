import { Slots, growF64, growI32, growU8 } from '../../sim/slots';
import { SlotHeap } from './heap';

// Message states.
export const FREE = 0;
/** Sent with a delivery delay, not visible yet. */
export const DELAYED = 1;
/** Waiting to be received (counted in depth). */
export const VISIBLE = 2;
/** Received, in a batch being filled or processed. */
export const INFLIGHT = 3;
/** Received, its batch failed: invisible until its visibility timeout ends. */
export const RETRYWAIT = 4;

/**
 * A queue's messages, in typed arrays by message slot: each is one path of its request.
 * Visible messages sit in a heap by send time (receives take the oldest; retention expiry
 * looks at the top); delayed messages and messages waiting out their visibility timeout sit
 * in a second heap by the time they come back (or expire, if sooner).
 */
export class Messages {
  declare req: Int32Array;
  declare type: Int32Array;
  declare kb: Float64Array;
  declare group: Int32Array;
  declare sentAt: Float64Array;
  /** DELAYED/VISIBLE: when it becomes (became) visible; INFLIGHT/RETRYWAIT: when its visibility timeout ends. */
  declare visibleAt: Float64Array;
  /** Receive count. */
  declare count: Int32Array;
  declare state: Uint8Array;
  /** FIFO: next in group; standard: next in batch. */
  declare next: Int32Array;
  /** FIFO: previous in group. */
  declare prev: Int32Array;
  readonly visible = new SlotHeap();
  readonly pending = new SlotHeap();
  declare private readonly slots: Slots;

  constructor() {
    this.slots = new Slots(256, (cap) => {
      this.req = growI32(this.req, cap);
      this.type = growI32(this.type, cap);
      this.kb = growF64(this.kb, cap);
      this.group = growI32(this.group, cap);
      this.sentAt = growF64(this.sentAt, cap);
      this.visibleAt = growF64(this.visibleAt, cap);
      this.count = growI32(this.count, cap);
      this.state = growU8(this.state, cap);
      this.next = growI32(this.next, cap);
      this.prev = growI32(this.prev, cap);
      this.visible.grow(cap);
      this.pending.grow(cap);
    });
  }

  /** A new message (DELAYED, in no heap yet). */
  add(req: number, type: number, kb: number, group: number, sentAt: number): number {
    const m = this.slots.alloc();
    this.req[m] = req;
    this.type[m] = type;
    this.kb[m] = kb;
    this.group[m] = group;
    this.sentAt[m] = sentAt;
    this.count[m] = 0;
    this.next[m] = -1;
    this.prev[m] = -1;
    this.state[m] = DELAYED;
    return m;
  }

  release(m: number): void {
    this.state[m] = FREE;
    this.slots.release(m);
  }

  /** Send time of the oldest message still stored (visible, delayed or in flight); Infinity when none. */
  oldestSentAt(): number {
    let oldest = Infinity;
    for (let m = 0; m < this.slots.capacity; m++)
      if (this.state[m] !== FREE && this.sentAt[m] < oldest) oldest = this.sentAt[m];
    return oldest;
  }

  /** Messages that are paths of a request (not redriven ones, req −1). */
  heldPaths(): number {
    return this.slots.countHeld(this.req);
  }

  /** Messages stored, visible or in flight. */
  get inUse(): number {
    return this.slots.inUse;
  }
}
