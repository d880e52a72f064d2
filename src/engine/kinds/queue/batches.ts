import { Slots, growF64, growI32, growU8 } from '../../sim/slots';

// Batch states.
export const FILLING = 1;
export const INVOKING = 2;

/** A queue's batches, in typed arrays by batch slot: being filled (a batch window) or handed to a reader. */
export class Batches {
  declare poller: Int32Array;
  /** Its messages, linked through Messages.next (standard) or in their group's order (FIFO). */
  declare first: Int32Array;
  declare last: Int32Array;
  declare count: Int32Array;
  /** FIFO: the message group it reads; −1 on standard queues. */
  declare group: Int32Array;
  /** Messages in the ReceiveMessage call not yet billed, and their size. */
  declare calls: Int32Array;
  declare callKb: Float64Array;
  declare kb: Float64Array;
  declare start: Float64Array;
  declare windowEnd: Float64Array;
  declare state: Uint8Array;
  declare private readonly slots: Slots;

  constructor() {
    this.slots = new Slots(16, (cap) => {
      this.poller = growI32(this.poller, cap);
      this.first = growI32(this.first, cap);
      this.last = growI32(this.last, cap);
      this.count = growI32(this.count, cap);
      this.group = growI32(this.group, cap);
      this.calls = growI32(this.calls, cap);
      this.kb = growF64(this.kb, cap);
      this.callKb = growF64(this.callKb, cap);
      this.start = growF64(this.start, cap);
      this.windowEnd = growF64(this.windowEnd, cap);
      this.state = growU8(this.state, cap);
    });
  }

  /** An empty batch of reader `poller` (FILLING). */
  open(poller: number, group: number): number {
    const b = this.slots.alloc();
    this.poller[b] = poller;
    this.first[b] = -1;
    this.last[b] = -1;
    this.count[b] = 0;
    this.group[b] = group;
    this.calls[b] = 0;
    this.kb[b] = 0;
    this.callKb[b] = 0;
    this.state[b] = FILLING;
    return b;
  }

  release(b: number): void {
    this.state[b] = 0;
    this.slots.release(b);
  }
}
