/**
 * A binary min-heap of slot indices keyed by a time, with each slot's position kept so that a
 * slot can also be removed from the middle (a FIFO group takes its own messages). Grows with
 * the owner's slots; allocates nothing otherwise.
 */
export class SlotHeap {
  private heap = new Int32Array(0);
  private key = new Float64Array(0);
  private pos = new Int32Array(0);
  private n = 0;

  /** Makes room for slots 0 … capacity−1 (call from the owner's Slots onGrow). */
  grow(capacity: number): void {
    if (capacity <= this.pos.length) return;
    const heap = new Int32Array(capacity);
    heap.set(this.heap);
    const key = new Float64Array(capacity);
    key.set(this.key);
    const pos = new Int32Array(capacity).fill(-1);
    pos.set(this.pos);
    this.heap = heap;
    this.key = key;
    this.pos = pos;
  }

  get size(): number {
    return this.n;
  }

  /** The smallest key; Infinity when empty. */
  get minKey(): number {
    return this.n > 0 ? this.key[this.heap[0]] : Infinity;
  }

  /** The slot with the smallest key (−1 when empty). */
  peek(): number {
    return this.n > 0 ? this.heap[0] : -1;
  }

  has(slot: number): boolean {
    return this.pos[slot] >= 0;
  }

  push(slot: number, key: number): void {
    this.key[slot] = key;
    const i = this.n++;
    this.heap[i] = slot;
    this.pos[slot] = i;
    this.up(i);
  }

  /** Removes and returns the slot with the smallest key (−1 when empty). */
  pop(): number {
    if (this.n === 0) return -1;
    const top = this.heap[0];
    this.removeAt(0);
    return top;
  }

  /** Removes a slot wherever it is; no-op when absent. */
  remove(slot: number): void {
    const i = this.pos[slot];
    if (i >= 0) this.removeAt(i);
  }

  private removeAt(i: number): void {
    const h = this.heap;
    const gone = h[i];
    this.pos[gone] = -1;
    const last = --this.n;
    if (i === last) return;
    const moved = h[last];
    h[i] = moved;
    this.pos[moved] = i;
    if (i > 0 && this.key[moved] < this.key[h[(i - 1) >> 1]]) this.up(i);
    else this.down(i);
  }

  private up(i: number): void {
    const h = this.heap;
    const key = this.key;
    const pos = this.pos;
    const s = h[i];
    const k = key[s];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (key[h[p]] <= k) break;
      h[i] = h[p];
      pos[h[i]] = i;
      i = p;
    }
    h[i] = s;
    pos[s] = i;
  }

  private down(i: number): void {
    const h = this.heap;
    const key = this.key;
    const pos = this.pos;
    const n = this.n;
    const s = h[i];
    const k = key[s];
    while (true) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && key[h[r]] < key[h[l]] ? r : l;
      if (key[h[c]] >= k) break;
      h[i] = h[c];
      pos[h[i]] = i;
      i = c;
    }
    h[i] = s;
    pos[s] = i;
  }
}
