/**
 * A free list of slot indices over parallel typed arrays that the owner keeps. When all
 * slots are taken the capacity doubles and the owner's onGrow copies its arrays; between
 * growths, alloc() and release() allocate nothing and touch only the free list (which slots
 * are live is worked out from it when a check asks, at the end of a run).
 */
export class Slots {
  declare private free: Int32Array;
  private nFree = 0;
  private next = 0;
  declare capacity: number;

  declare private readonly onGrow: (capacity: number) => void;

  constructor(initial: number, onGrow: (capacity: number) => void) {
    this.onGrow = onGrow;
    this.capacity = initial;
    this.free = new Int32Array(initial);
    onGrow(initial);
  }

  alloc(): number {
    if (this.nFree > 0) return this.free[--this.nFree];
    if (this.next === this.capacity) {
      this.capacity *= 2;
      const f = new Int32Array(this.capacity);
      f.set(this.free);
      this.free = f;
      this.onGrow(this.capacity);
    }
    return this.next++;
  }

  release(i: number): void {
    this.free[this.nFree++] = i;
  }

  /**
   * 1 for each slot handed out and not released, 0 otherwise (capacity entries): lets a check
   * walk what an owner holds. Built from the free list, so a fresh array on every call.
   */
  liveMask(): Uint8Array {
    const live = new Uint8Array(this.capacity);
    live.fill(1, 0, this.next);
    for (let k = 0; k < this.nFree; k++) live[this.free[k]] = 0;
    return live;
  }

  /** Live slots whose request (req[i]) is a real one (≥ 0) and that `keep` accepts. */
  countHeld(req: Int32Array, keep?: (i: number) => boolean): number {
    const live = this.liveMask();
    let n = 0;
    for (let i = 0; i < this.next; i++) if (live[i] === 1 && req[i] >= 0 && (!keep || keep(i))) n++;
    return n;
  }

  /** Slots handed out and not released. */
  get inUse(): number {
    return this.next - this.nFree;
  }
}

export function growF64(a: Float64Array | undefined, cap: number): Float64Array {
  const b = new Float64Array(cap);
  if (a) b.set(a);
  return b;
}

export function growI32(a: Int32Array | undefined, cap: number): Int32Array {
  const b = new Int32Array(cap);
  if (a) b.set(a);
  return b;
}

export function growU8(a: Uint8Array | undefined, cap: number): Uint8Array {
  const b = new Uint8Array(cap);
  if (a) b.set(a);
  return b;
}
