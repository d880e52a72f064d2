/**
 * A free list of slot indices over parallel typed arrays that the owner keeps. When all
 * slots are taken the capacity doubles and the owner's onGrow copies its arrays; between
 * growths, alloc() and release() allocate nothing.
 */
export class Slots {
  private free: Int32Array;
  private nFree = 0;
  private next = 0;
  capacity: number;

  constructor(
    initial: number,
    private readonly onGrow: (capacity: number) => void,
  ) {
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
