/**
 * A free list of slot indices over parallel typed arrays that the owner keeps. When all
 * slots are taken the capacity doubles and the owner's onGrow copies its arrays; between
 * growths, alloc() and release() allocate nothing.
 */
export class Slots {
  declare private free: Int32Array;
  private nFree = 0;
  private next = 0;
  /** 1 for a slot handed out and not released: lets a check walk what an owner holds. */
  declare private live: Uint8Array;
  declare capacity: number;

  declare private readonly onGrow: (capacity: number) => void;

  constructor(initial: number, onGrow: (capacity: number) => void) {
    this.onGrow = onGrow;
    this.capacity = initial;
    this.free = new Int32Array(initial);
    this.live = new Uint8Array(initial);
    onGrow(initial);
  }

  alloc(): number {
    if (this.nFree > 0) {
      const i = this.free[--this.nFree];
      this.live[i] = 1;
      return i;
    }
    if (this.next === this.capacity) {
      this.capacity *= 2;
      const f = new Int32Array(this.capacity);
      f.set(this.free);
      this.free = f;
      const l = new Uint8Array(this.capacity);
      l.set(this.live);
      this.live = l;
      this.onGrow(this.capacity);
    }
    this.live[this.next] = 1;
    return this.next++;
  }

  release(i: number): void {
    this.live[i] = 0;
    this.free[this.nFree++] = i;
  }

  /** Whether slot i is handed out (not released). */
  isLive(i: number): boolean {
    return this.live[i] === 1;
  }

  /** Live slots whose request (req[i]) is a real one (≥ 0) and that `keep` accepts. */
  countHeld(req: Int32Array, keep?: (i: number) => boolean): number {
    let n = 0;
    for (let i = 0; i < this.next; i++) if (this.live[i] === 1 && req[i] >= 0 && (!keep || keep(i))) n++;
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
