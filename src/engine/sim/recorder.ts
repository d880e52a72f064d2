/**
 * An optional record of state changes inside nodes, for the classroom's replay (a function's
 * execution environments starting, busy, idle and reclaimed). Off unless a run asks for it
 * (SimulateOptions.record): SimContext.recorder is then null and the kinds skip it with one
 * `if`. Bounded: it keeps at most `limit` bytes (DEFAULT_RECORD_LIMIT, 12 MB) of encoded
 * records of functions' environments, as many of the other kinds' insides and as many of
 * counter increments, then stops recording that part and says when; every shipped template
 * fits whole (the Recording's encoding below takes 6 to 10 bytes a change).
 *
 * What is recorded: a function's environments (REC_ENV_*); a queue's visible and in-flight
 * messages, batches in a call and oldest visible message (REC_LEVEL), and each reader's batches
 * (REC_QUEUE_BATCH); a server's or container service's busy slots, waiting requests and
 * instances (REC_LEVEL), each instance's state and busy slots, and on ECS-on-EC2 or EKS the
 * host each task sits on; a stream's lanes (records and the batch) and each shard's oldest
 * unread record, for every reader of the stream; and the increments of the counters a replay
 * cannot find from traced requests (REC_COUNT), so its badges at t are a run's that ends at t.
 * Each of the insides' records is a new absolute
 * value at the instant it changed, so a reader finds the state at t as the last record at or
 * before t, exactly, with no bucketing.
 *
 * Records are appended in the order the engine makes them; a few (an environment reclaimed
 * lazily when it is next needed) carry a time earlier than the event that found them, so
 * readers sort by time (recordingColumns() does).
 */

import { REC_COUNT, REC_COUNT_WARMUP, REC_LEVEL, type RecordingNode } from '../kinds/record-codes';

export * from '../kinds/record-codes';

/**
 * The most bytes each part of a recording (functions' environments, the other kinds' insides,
 * counter increments) may take, encoded: 6 MiB, so a whole recording takes at most 18 MiB
 * however long the run. Every shipped template's recording fits whole (the largest, the
 * 26-hour poison-record stream, takes about a quarter of its insides' part):
 * test/engine/recording-bounded.test.ts.
 */
export const DEFAULT_RECORD_LIMIT = 12 * 1024 * 1024;
/**
 * The share of the counters' part one counter may fill, so a counter that goes up at every
 * batch of a busy stream does not stop the others being recorded.
 */
export const COUNTER_SHARE = 0.5;
/** How many of the latest records a level's new value may replace (same instant, same node and level). */
const COALESCE_BACK = 6;
/** The most bytes one record takes encoded (header, time, node, a, value, highest value). */
export const MAX_RECORD_BYTES = 1 + 8 + 5 + 5 + 8 + 8;

/**
 * A run's records, encoded compactly (recordingColumns() reads them back). Each record is one
 * change: a header byte (its code; how its time is written; whether its value is a whole
 * number; whether a highest value follows), its time (nothing when it is the previous
 * record's, else the step from it in 1/1,024 ms as a varint when that is exact, else the
 * 8-byte float), its node and `a` as varints, its value as a zigzag varint or an 8-byte float,
 * and its highest value at that instant as an 8-byte float when above the value. Changes of
 * one level at one instant are one record; so a typical change takes 4 to 13 bytes rather
 * than the 48 of six number columns.
 */
export interface Recording {
  /** Most bytes of each part: functions' environments, the other kinds' insides, counter increments. */
  limit: number;
  /** Set when the environments' records reached the limit: none after this simulated time. */
  truncatedAtMs?: number;
  /** Set when the other kinds' records (REC_LEVEL to REC_HOST_READY) reached the limit: none after this time. */
  insidesTruncatedAtMs?: number;
  /** Set when the counters' increments (REC_COUNT, REC_COUNT_WARMUP) reached the limit: none after this time. */
  countsTruncatedAtMs?: number;
  nodes: RecordingNode[];
  /** How many records `bytes` holds. */
  count: number;
  /** The records, in the order the engine made them (a few earlier in time than the one before). */
  bytes: Uint8Array;
  /** Bytes per part (environments, insides, counters), each at most `limit`. */
  partBytes: [number, number, number];
}

/** The records as columns of equal length, sorted by time (ties keep the order they were made in). */
export interface RecordColumns {
  t: Float64Array;
  /** Index into the recording's nodes. */
  node: Int32Array;
  code: Uint8Array;
  a: Float64Array;
  v: Float64Array;
  /**
   * The highest value set at that record's instant: above v where a level rose and fell back at
   * one instant (a message sent and received at once), which coalescing would otherwise hide
   * from a peak (a queue's maxDepth counts it).
   */
  hi: Float64Array;
}

const PART_ENV = 0;
const PART_INSIDES = 1;
const PART_COUNTS = 2;
const partOf = (code: number) =>
  code < REC_LEVEL ? PART_ENV : code < REC_COUNT ? PART_INSIDES : PART_COUNTS;

// Header bits: code in the low 4, then how the time is written, the value's form, a highest value.
const T_SAME = 0 << 4;
const T_STEP = 1 << 4;
const T_RAW = 2 << 4;
/** The step in units of the last place of the previous time (exact for any step forward). */
const T_ULP = 3 << 4;
const T_MASK = 3 << 4;
const V_FLOAT = 1 << 6;
const HAS_HI = 1 << 7;
/** Time steps are written in 1/1,024 ms (exact for any step that is a multiple of it). */
const STEP_SCALE = 1024;
const MAX_STEP = 2 ** 40;

/** Steps written in last places stay under 2^48 (at most 7 bytes; else the 8-byte time). */
const MAX_ULP_STEPS = 2 ** 48;
const ulpView = new DataView(new ArrayBuffer(8));

/** The gap between x (≥ 0, finite) and the next double up: a power of two. */
export function ulp(x: number): number {
  ulpView.setFloat64(0, x);
  const exp = (ulpView.getUint16(0) >> 4) & 0x7ff;
  // Subnormals (and 0) share the smallest gap.
  return exp === 0 ? 2 ** -1074 : 2 ** (exp - 1075);
}

export class Recorder {
  /** Records of the latest instant, kept as columns so a later change at that instant can replace one. */
  private pT = -Infinity;
  private pNode = new Int32Array(64);
  private pCode = new Uint8Array(64);
  private pA = new Float64Array(64);
  private pV = new Float64Array(64);
  private pHi = new Float64Array(64);
  private pN = 0;
  /** Pending records per part, each counted at MAX_RECORD_BYTES until written. */
  private readonly pending = [0, 0, 0];
  private readonly full = [false, false, false];
  /** The encoded records written so far. */
  private buf = new Uint8Array(4096);
  private len = 0;
  private written = 0;
  private lastT = 0;
  private readonly scratch = new DataView(new ArrayBuffer(8));
  readonly partBytes: [number, number, number] = [0, 0, 0];
  declare truncatedAtMs: number | undefined;
  declare insidesTruncatedAtMs: number | undefined;
  declare countsTruncatedAtMs: number | undefined;
  readonly nodes: RecordingNode[] = [];
  /** Counter handles (counter()): the node's index in `nodes` and the counter's in its list. */
  private readonly counterNode: number[] = [];
  private readonly counterIdx: number[] = [];
  /** Bytes written per counter (key node × 65,536 + its index), against COUNTER_SHARE. */
  private readonly perCounter = new Map<number, number>();

  constructor(readonly limit = DEFAULT_RECORD_LIMIT) {}

  /** Registers what a node's records need; returns the node's index in the recording. */
  describe(info: RecordingNode): number {
    // A node that asked for a counter first already has its entry: fill it in.
    const had = this.nodes.findIndex((n) => n.id === info.id);
    if (had >= 0) {
      const { counters, countersTruncatedAtMs } = this.nodes[had];
      this.nodes[had] = { ...info, counters, countersTruncatedAtMs };
      return had;
    }
    this.nodes.push(info);
    return this.nodes.length - 1;
  }

  /** A handle for count(): the node's metric whose increments are recorded. */
  counter(id: string, kind: string, metric: string): number {
    let node = this.nodes.findIndex((n) => n.id === id);
    if (node < 0) node = this.nodes.push({ id, kind, countersOnly: true }) - 1;
    const list = (this.nodes[node].counters ??= []);
    let k = list.indexOf(metric);
    if (k < 0) {
      k = list.push(metric) - 1;
      (this.nodes[node].countersTruncatedAtMs ??= []).push(null);
    }
    this.counterNode.push(node);
    this.counterIdx.push(k);
    return this.counterNode.length - 1;
  }

  /**
   * Counter `handle` went up by n at t; `measured`: whether a run measuring from the warm-up's
   * end counts it. So a replay finds the count a run that ends at t reports, exactly.
   */
  count(t: number, handle: number, n: number, measured: boolean): void {
    // −1: a counter this run does not record (a source's requests when it is the only one).
    if (n === 0 || handle < 0) return;
    const node = this.counterNode[handle];
    const a = this.counterIdx[handle];
    const code = measured ? REC_COUNT : REC_COUNT_WARMUP;
    // Several increments of one counter at one instant (a batch) are one record.
    const j = this.sameInstant(t, node, code, a);
    if (j >= 0) {
      this.pV[j] += n;
      this.pHi[j] = this.pV[j];
      return;
    }
    const made = this.perCounter.get(node * 65_536 + a) ?? 0;
    const cut = this.nodes[node].countersTruncatedAtMs!;
    const full = !this.room(PART_COUNTS);
    // Once cut, a counter (or the part) stays cut, so nothing after its cut is half recorded.
    if (full || cut[a] !== null || made >= this.limit * COUNTER_SHARE) {
      cut[a] ??= t;
      if (full) this.countsTruncatedAtMs ??= t;
      return;
    }
    this.push(t, node, code, a, n);
  }

  add(t: number, node: number, code: number, a: number, v = 0): void {
    // A level set again at the same instant replaces its value (a batch of ten messages is
    // one record, not ten): look back over the last few records made at this instant.
    if (code >= REC_LEVEL) {
      const j = this.sameInstant(t, node, code, a);
      if (j >= 0) {
        this.pV[j] = v;
        if (v > this.pHi[j]) this.pHi[j] = v;
        return;
      }
    }
    // A level set again to the value it has is still recorded: a record made late for an
    // earlier instant (as an environment's is) could otherwise be left in force where this
    // one would have set the value back (the property test of recording-bounded found it).
    const part = partOf(code);
    if (!this.room(part)) {
      if (part === PART_INSIDES) this.insidesTruncatedAtMs ??= t;
      else this.truncatedAtMs ??= t;
      return;
    }
    this.push(t, node, code, a, v);
  }

  /** The pending record of this node, code and a at instant t among the last few, or −1. */
  private sameInstant(t: number, node: number, code: number, a: number): number {
    if (t !== this.pT) return -1;
    const stop = this.pN > COALESCE_BACK ? this.pN - COALESCE_BACK : 0;
    for (let j = this.pN - 1; j >= stop; j--)
      if (this.pA[j] === a && this.pCode[j] === code && this.pNode[j] === node) return j;
    return -1;
  }

  /**
   * Whether one more record fits in its part, counting each pending one at its largest. A part
   * that was full once stays full (its records stop at one instant, as the reader expects).
   */
  private room(part: number): boolean {
    if (this.full[part]) return false;
    if (this.partBytes[part] + (this.pending[part] + 1) * MAX_RECORD_BYTES <= this.limit) return true;
    this.full[part] = true;
    return false;
  }

  private push(t: number, node: number, code: number, a: number, v: number): void {
    if (t !== this.pT) {
      this.flush();
      this.pT = t;
    }
    if (this.pN === this.pNode.length) this.growPending();
    const i = this.pN++;
    this.pNode[i] = node;
    this.pCode[i] = code;
    this.pA[i] = a;
    this.pV[i] = v;
    this.pHi[i] = v;
    this.pending[partOf(code)]++;
  }

  /** Writes the pending records (all of one instant) to the buffer. */
  private flush(): void {
    const t = this.pT;
    for (let i = 0; i < this.pN; i++) {
      const code = this.pCode[i];
      const v = this.pV[i];
      const hi = this.pHi[i];
      const start = this.len;
      if (this.len + MAX_RECORD_BYTES > this.buf.length) this.growBuffer();
      let header = code;
      let step = -1;
      if (this.written > 0 && t === this.lastT) header |= T_SAME;
      else {
        const d = t - this.lastT;
        const k = d * STEP_SCALE;
        if (k >= 0 && k < MAX_STEP && Number.isInteger(k) && this.lastT + k / STEP_SCALE === t) {
          header |= T_STEP;
          step = k;
        } else {
          // A time such as a Poisson arrival's: the step counted in the previous time's last
          // place is a whole number (both are multiples of it), about 5 bytes for a step of 1 ms.
          const u = ulp(this.lastT);
          const n = d / u;
          if (d > 0 && n < MAX_ULP_STEPS && Number.isInteger(n) && this.lastT + n * u === t) {
            header |= T_ULP;
            step = n;
          } else header |= T_RAW;
        }
      }
      const whole = Number.isSafeInteger(v) && !Object.is(v, -0);
      if (!whole) header |= V_FLOAT;
      if (hi > v) header |= HAS_HI;
      this.buf[this.len++] = header;
      if ((header & T_MASK) === T_STEP || (header & T_MASK) === T_ULP) this.varint(step);
      else if ((header & T_MASK) === T_RAW) this.float(t);
      this.varint(this.pNode[i]);
      this.varint(zigzag(this.pA[i]));
      if (whole) this.varint(zigzag(v));
      else this.float(v);
      if (hi > v) this.float(hi);
      this.lastT = t;
      this.written++;
      const part = partOf(code);
      this.partBytes[part] += this.len - start;
      if (part === PART_COUNTS) {
        const key = this.pNode[i] * 65_536 + this.pA[i];
        this.perCounter.set(key, (this.perCounter.get(key) ?? 0) + this.len - start);
      }
    }
    this.pN = 0;
    this.pending[0] = this.pending[1] = this.pending[2] = 0;
  }

  private varint(x: number): void {
    // Arithmetic, not bit operators: values reach 2^53.
    while (x >= 128) {
      this.buf[this.len++] = (x % 128) + 128;
      x = Math.floor(x / 128);
    }
    this.buf[this.len++] = x;
  }

  private float(x: number): void {
    this.scratch.setFloat64(0, x, true);
    for (let k = 0; k < 8; k++) this.buf[this.len++] = this.scratch.getUint8(k);
  }

  get size(): number {
    return this.written + this.pN;
  }

  private growPending(): void {
    const cap = this.pNode.length * 2;
    const i32 = new Int32Array(cap);
    i32.set(this.pNode);
    this.pNode = i32;
    const u8 = new Uint8Array(cap);
    u8.set(this.pCode);
    this.pCode = u8;
    const f = (x: Float64Array) => {
      const y = new Float64Array(cap);
      y.set(x);
      return y;
    };
    this.pA = f(this.pA);
    this.pV = f(this.pV);
    this.pHi = f(this.pHi);
  }

  private growBuffer(): void {
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + MAX_RECORD_BYTES));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Plain data for the result: the encoded records (recordingColumns() reads them). */
  toRecording(): Recording {
    this.flush();
    this.pT = -Infinity;
    const out: Recording = {
      limit: this.limit,
      nodes: this.nodes,
      count: this.written,
      bytes: this.buf.slice(0, this.len),
      partBytes: [...this.partBytes],
    };
    if (this.truncatedAtMs !== undefined) out.truncatedAtMs = this.truncatedAtMs;
    if (this.insidesTruncatedAtMs !== undefined) out.insidesTruncatedAtMs = this.insidesTruncatedAtMs;
    if (this.countsTruncatedAtMs !== undefined) out.countsTruncatedAtMs = this.countsTruncatedAtMs;
    return out;
  }
}

/** A recording's cap in words: "6 MB" (a part's most bytes). */
export function recordCapText(limitBytes: number): string {
  if (limitBytes >= 1024 * 1024) return `${+(limitBytes / (1024 * 1024)).toFixed(1)} MB`;
  if (limitBytes >= 1024) return `${+(limitBytes / 1024).toFixed(1)} KB`;
  return `${limitBytes} bytes`;
}

const zigzag = (x: number) => (x >= 0 ? 2 * x : -2 * x - 1);
const unzigzag = (z: number) => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

const decoded = new WeakMap<Recording, RecordColumns>();

/** A recording's records as columns sorted by time (decoded once per recording). */
export function recordingColumns(rec: Recording): RecordColumns {
  const hit = decoded.get(rec);
  if (hit) return hit;
  const n = rec.count;
  const t = new Float64Array(n);
  const node = new Int32Array(n);
  const code = new Uint8Array(n);
  const a = new Float64Array(n);
  const v = new Float64Array(n);
  const hi = new Float64Array(n);
  const b = rec.bytes;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let p = 0;
  const varint = () => {
    let x = 0;
    let m = 1;
    for (;;) {
      const byte = b[p++];
      x += (byte & 127) * m;
      if (byte < 128) return x;
      m *= 128;
    }
  };
  const float = () => {
    const x = view.getFloat64(p, true);
    p += 8;
    return x;
  };
  let last = 0;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const h = b[p++];
    const tm = h & T_MASK;
    const at =
      tm === T_SAME
        ? last
        : tm === T_STEP
          ? last + varint() / STEP_SCALE
          : tm === T_ULP
            ? last + varint() * ulp(last)
            : float();
    if (at < last) sorted = false;
    last = at;
    t[i] = at;
    code[i] = h & 15;
    node[i] = varint();
    a[i] = unzigzag(varint());
    v[i] = h & V_FLOAT ? float() : unzigzag(varint());
    hi[i] = h & HAS_HI ? float() : v[i];
  }
  if (p !== b.length) throw new Error(`recording: ${b.length - p} bytes left after ${n} records`);
  let out: RecordColumns = { t, node, code, a, v, hi };
  if (!sorted) {
    // A few records come late for an earlier instant (an environment reclaimed when next needed).
    const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => t[x] - t[y] || x - y);
    const pick = <T extends Float64Array | Int32Array | Uint8Array>(col: T, into: T): T => {
      order.forEach((k, i) => (into[i] = col[k]));
      return into;
    };
    out = {
      t: pick(t, new Float64Array(n)),
      node: pick(node, new Int32Array(n)),
      code: pick(code, new Uint8Array(n)),
      a: pick(a, new Float64Array(n)),
      v: pick(v, new Float64Array(n)),
      hi: pick(hi, new Float64Array(n)),
    };
  }
  decoded.set(rec, out);
  return out;
}
