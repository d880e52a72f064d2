/**
 * An optional record of state changes inside nodes, for the classroom's replay (a function's
 * execution environments starting, busy, idle and reclaimed). Off unless a run asks for it
 * (SimulateOptions.record): SimContext.recorder is then null and the kinds skip it with one
 * `if`. Meant for short runs: it keeps at most `limit` records, then stops and says when.
 *
 * Records are appended in the order the engine makes them; a few (an environment reclaimed
 * lazily when it is next needed) carry a time earlier than the event that found them, so
 * readers sort by time (toRecording does).
 */

/** An execution environment was created (a = env id, v = 1 when provisioned, else 0). */
export const REC_ENV_NEW = 0;
/** An environment took an invocation (a = env id, v = INIT ms: > 0 for a cold start). */
export const REC_ENV_BUSY = 1;
/** An environment finished its invocation and is idle (a = env id). */
export const REC_ENV_IDLE = 2;
/** An idle environment was reclaimed after its keep-alive (a = env id; t = when it died). */
export const REC_ENV_GONE = 3;

export const DEFAULT_RECORD_LIMIT = 200_000;

/** Per node, what the reader needs to draw the records: limits and keep-alive. */
export interface RecordingNode {
  id: string;
  kind: string;
  /** Function: keep-alive of idle environments, ms. */
  keepAliveMs?: number;
  /** Function: the concurrency it may reach (reserved, else the account's unreserved pool). */
  concurrencyLimit?: number;
  /** Function: provisioned environments. */
  provisioned?: number;
}

/** Columns of equal length, sorted by time (ties keep the order they were made in). */
export interface Recording {
  limit: number;
  /** Set when the limit was reached: nothing after this simulated time was recorded. */
  truncatedAtMs?: number;
  nodes: RecordingNode[];
  t: number[];
  /** Index into nodes. */
  node: number[];
  code: number[];
  a: number[];
  v: number[];
}

export class Recorder {
  private t: Float64Array;
  private node: Int32Array;
  private code: Uint8Array;
  private a: Int32Array;
  private v: Float64Array;
  private n = 0;
  truncatedAtMs: number | undefined;
  readonly nodes: RecordingNode[] = [];

  constructor(readonly limit = DEFAULT_RECORD_LIMIT) {
    const cap = Math.min(limit, 4096);
    this.t = new Float64Array(cap);
    this.node = new Int32Array(cap);
    this.code = new Uint8Array(cap);
    this.a = new Int32Array(cap);
    this.v = new Float64Array(cap);
  }

  /** Registers what a node's records need; returns the node's index in the recording. */
  describe(info: RecordingNode): number {
    this.nodes.push(info);
    return this.nodes.length - 1;
  }

  add(t: number, node: number, code: number, a: number, v = 0): void {
    if (this.n >= this.limit) {
      this.truncatedAtMs ??= t;
      return;
    }
    if (this.n === this.t.length) this.grow();
    const i = this.n++;
    this.t[i] = t;
    this.node[i] = node;
    this.code[i] = code;
    this.a[i] = a;
    this.v[i] = v;
  }

  get size(): number {
    return this.n;
  }

  private grow(): void {
    const cap = Math.min(this.limit, this.t.length * 2);
    const f = (x: Float64Array) => {
      const y = new Float64Array(cap);
      y.set(x);
      return y;
    };
    const i = (x: Int32Array) => {
      const y = new Int32Array(cap);
      y.set(x);
      return y;
    };
    this.t = f(this.t);
    this.v = f(this.v);
    this.node = i(this.node);
    this.a = i(this.a);
    const c = new Uint8Array(cap);
    c.set(this.code);
    this.code = c;
  }

  /** Plain data for the result, sorted by time. */
  toRecording(): Recording {
    const order = Array.from({ length: this.n }, (_, i) => i);
    order.sort((x, y) => this.t[x] - this.t[y] || x - y);
    const out: Recording = { limit: this.limit, nodes: this.nodes, t: [], node: [], code: [], a: [], v: [] };
    if (this.truncatedAtMs !== undefined) out.truncatedAtMs = this.truncatedAtMs;
    for (const i of order) {
      out.t.push(this.t[i]);
      out.node.push(this.node[i]);
      out.code.push(this.code[i]);
      out.a.push(this.a[i]);
      out.v.push(this.v[i]);
    }
    return out;
  }
}
