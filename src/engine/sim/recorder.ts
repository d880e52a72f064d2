/**
 * An optional record of state changes inside nodes, for the classroom's replay (a function's
 * execution environments starting, busy, idle and reclaimed). Off unless a run asks for it
 * (SimulateOptions.record): SimContext.recorder is then null and the kinds skip it with one
 * `if`. Meant for short runs: it keeps at most `limit` records of functions' environments,
 * as many of the other kinds' insides and as many counter increments, then stops recording that part and says when.
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
 * readers sort by time (toRecording does).
 */

/** An execution environment was created (a = env id, v = 1 when provisioned, else 0). */
export const REC_ENV_NEW = 0;
/** An environment took an invocation (a = env id, v = INIT ms: > 0 for a cold start). */
export const REC_ENV_BUSY = 1;
/**
 * An environment finished its invocation and is idle (a = env id; v = how the invocation ended:
 * 0 ok, 1 error, 2 timeout, the engine's call status), so the replay counts errors per
 * invocation (a batch that fails is one error, not one per message).
 */
export const REC_ENV_IDLE = 2;
/** An idle environment was reclaimed after its keep-alive (a = env id; t = when it died). */
export const REC_ENV_GONE = 3;

/**
 * A quantity inside a node changed (a = which one, a LVL_* code; v = its new value). Queues,
 * servers and container services record these at the instant of each change.
 */
export const REC_LEVEL = 4;
/** A stream lane's records changed (a = lane; v = records in it, the batch in a call included). */
export const REC_LANE_RECORDS = 5;
/**
 * A stream lane's batch changed (a = lane; v = its records: > 0 in a call, < 0 failed and held
 * for a retry, which blocks the lane (a poison record does this), 0 none).
 */
export const REC_LANE_BATCH = 6;
/** A shard's oldest unread record changed (a = shard; v = its arrival time in ms, −1 none): iterator age = t − v. */
export const REC_SHARD_OLDEST = 7;
/**
 * A queue reader's batch changed (a = reader × READER_STRIDE + batch slot; v = its messages:
 * > 0 in a call, < 0 being gathered in a batch window, 0 gone).
 */
export const REC_QUEUE_BATCH = 8;
/** A server's or container service's instance (task) changed state (a = instance; v = an INST_* code). */
export const REC_INST_STATE = 9;
/** An instance's (task's) busy request slots changed (a = instance; v = requests it serves). */
export const REC_INST_BUSY = 10;
/** ECS on EC2 / EKS: a task was placed on a host (a = instance; v = the host's index in its pool). */
export const REC_INST_HOST = 11;
/** ECS on EC2 / EKS: when a host a task was placed on serves (a = host; v = ms; later than t while it launches and boots). */
export const REC_HOST_READY = 12;

/**
 * A counter of a node went up (a = the counter's index in its RecordingNode.counters; v = by how
 * much), at the instant of the event that counted it. Counted by a run measuring from its
 * warm-up's end.
 */
export const REC_COUNT = 13;
/**
 * The same, for an increment that run does not count (the event, or the request it belongs to,
 * came in the warm-up); a run that ends before the warm-up does (it measures from 0).
 */
export const REC_COUNT_WARMUP = 14;

/** Stream lanes and shards, and queue batch slots, of reader k are numbered from k × READER_STRIDE. */
export const READER_STRIDE = 1 << 20;

export const INST_FREE = 0;
export const INST_STARTING = 1;
export const INST_SERVING = 2;
export const INST_DRAINING = 3;

/** Queue: messages visible (waiting to be received). */
export const LVL_QUEUE_VISIBLE = 0;
/** Queue: messages received and not yet deleted (in a batch, or invisible after a failure). */
export const LVL_QUEUE_INFLIGHT = 1;
/** Queue: batches in a call to their reader. */
export const LVL_QUEUE_BATCHES = 2;
/** Queue: send time (ms) of the oldest visible message, −1 when none: its age at t is t − v. */
export const LVL_QUEUE_OLDEST = 3;
/** Server / container service: request slots busy. */
export const LVL_FLEET_BUSY = 10;
/** Server / container service: requests waiting for a slot. */
export const LVL_FLEET_WAITING = 11;
/** Server / container service: instances (tasks) serving. */
export const LVL_FLEET_SERVING = 12;
/** Server / container service: instances (tasks) launched and starting (billed, not serving yet). */
export const LVL_FLEET_STARTING = 13;
/** Server / container service: instances (tasks) draining after a scale-in. */
export const LVL_FLEET_DRAINING = 14;

export const DEFAULT_RECORD_LIMIT = 200_000;
/**
 * The share of the counters' part one counter may fill, so a counter that goes up at every
 * batch of a busy stream does not stop the others being recorded.
 */
export const COUNTER_SHARE = 0.5;
/** How many of the latest records a level's new value may replace (same instant, same node and level). */
const COALESCE_BACK = 6;

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
  /** Server / container service: request slots per instance (task). */
  slotsPerInstance?: number;
  /** Server / container service: most instances (tasks). */
  maxInstances?: number;
  /** Server / container service: most requests that may wait. */
  queueLimit?: number;
  /** Stream: shards. */
  shards?: number;
  /**
   * Stream: lanes per shard of each reader (its parallelization factor); reader r's lane is
   * r × READER_STRIDE + shard × lanesPerShard[r] + k, its shard r × READER_STRIDE + shard.
   */
  lanesPerShard?: number[];
  /** Stream and queue: the readers (target node ids), in the order of their index. */
  readers?: string[];
  /** Container service: the launch type, 'ec2' or 'eks' when its tasks sit on hosts. */
  launchType?: string;
  /** The node's metrics whose increments are recorded (REC_COUNT's a indexes this). */
  counters?: string[];
  /**
   * Per counter, when its records reached their cap (COUNTER_SHARE of the limit) or the
   * counters' part reached the limit: none after this simulated time (null: complete).
   */
  countersTruncatedAtMs?: (number | null)[];
  /** Only its counters are recorded (it has no insides to draw). */
  countersOnly?: boolean;
}

/** Columns of equal length, sorted by time (ties keep the order they were made in). */
export interface Recording {
  /** Most records of each part: functions' environments, and the other kinds' insides. */
  limit: number;
  /** Set when the environments' records reached the limit: none after this simulated time. */
  truncatedAtMs?: number;
  /** Set when the other kinds' records (REC_LEVEL to REC_HOST_READY) reached the limit: none after this time. */
  insidesTruncatedAtMs?: number;
  /** Set when the counters' increments (REC_COUNT, REC_COUNT_WARMUP) reached the limit: none after this time. */
  countsTruncatedAtMs?: number;
  nodes: RecordingNode[];
  t: number[];
  /** Index into nodes. */
  node: number[];
  code: number[];
  a: number[];
  v: number[];
  /**
   * The highest value set at that record's instant: above v where a level rose and fell back at
   * one instant (a message sent and received at once), which coalescing would otherwise hide
   * from a peak (a queue's maxDepth counts it).
   */
  hi: number[];
}

export class Recorder {
  declare private t: Float64Array;
  declare private node: Int32Array;
  declare private code: Uint8Array;
  declare private a: Int32Array;
  declare private v: Float64Array;
  declare private hi: Float64Array;
  private n = 0;
  /** Records per part (environments, other kinds' insides, counters): each has its own limit. */
  private nEnv = 0;
  private nInside = 0;
  private nCount = 0;
  declare truncatedAtMs: number | undefined;
  declare insidesTruncatedAtMs: number | undefined;
  declare countsTruncatedAtMs: number | undefined;
  readonly nodes: RecordingNode[] = [];
  /** Counter handles (counter()): the node's index in `nodes` and the counter's in its list. */
  private readonly counterNode: number[] = [];
  private readonly counterIdx: number[] = [];
  /** Records made per counter (key node × 65,536 + its index), against COUNTER_SHARE. */
  private readonly perCounter = new Map<number, number>();

  constructor(readonly limit = DEFAULT_RECORD_LIMIT) {
    const cap = Math.min(limit, 4096);
    this.t = new Float64Array(cap);
    this.node = new Int32Array(cap);
    this.code = new Uint8Array(cap);
    this.a = new Int32Array(cap);
    this.v = new Float64Array(cap);
    this.hi = new Float64Array(cap);
  }

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
    const stop = this.n > COALESCE_BACK ? this.n - COALESCE_BACK : 0;
    for (let j = this.n - 1; j >= stop && this.t[j] === t; j--) {
      if (this.a[j] === a && this.code[j] === code && this.node[j] === node) {
        this.v[j] += n;
        this.hi[j] = this.v[j];
        return;
      }
    }
    const key = node * 65_536 + a;
    const made = this.perCounter.get(key) ?? 0;
    if (this.nCount >= this.limit || made >= this.limit * COUNTER_SHARE) {
      const cut = this.nodes[node].countersTruncatedAtMs!;
      cut[a] ??= t;
      if (this.nCount >= this.limit) this.countsTruncatedAtMs ??= t;
      return;
    }
    this.perCounter.set(key, made + 1);
    this.nCount++;
    this.push(t, node, code, a, n);
  }

  add(t: number, node: number, code: number, a: number, v = 0): void {
    // A level set again at the same instant replaces its value (a batch of ten messages is
    // one record, not ten): look back over the last few records made at this instant.
    if (code >= REC_LEVEL) {
      const stop = this.n > COALESCE_BACK ? this.n - COALESCE_BACK : 0;
      for (let j = this.n - 1; j >= stop && this.t[j] === t; j--) {
        if (this.a[j] === a && this.code[j] === code && this.node[j] === node) {
          this.v[j] = v;
          if (v > this.hi[j]) this.hi[j] = v;
          return;
        }
      }
    }
    if (code >= REC_LEVEL && code < REC_COUNT) {
      if (this.nInside >= this.limit) {
        this.insidesTruncatedAtMs ??= t;
        return;
      }
      this.nInside++;
    } else {
      if (this.nEnv >= this.limit) {
        this.truncatedAtMs ??= t;
        return;
      }
      this.nEnv++;
    }
    this.push(t, node, code, a, v);
  }

  private push(t: number, node: number, code: number, a: number, v: number): void {
    if (this.n === this.t.length) this.grow();
    const i = this.n++;
    this.t[i] = t;
    this.node[i] = node;
    this.code[i] = code;
    this.a[i] = a;
    this.v[i] = v;
    this.hi[i] = v;
  }

  get size(): number {
    return this.n;
  }

  private grow(): void {
    const cap = Math.min(3 * this.limit, this.t.length * 2);
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
    this.hi = f(this.hi);
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
    const out: Recording = {
      limit: this.limit,
      nodes: this.nodes,
      t: [],
      node: [],
      code: [],
      a: [],
      v: [],
      hi: [],
    };
    if (this.truncatedAtMs !== undefined) out.truncatedAtMs = this.truncatedAtMs;
    if (this.insidesTruncatedAtMs !== undefined) out.insidesTruncatedAtMs = this.insidesTruncatedAtMs;
    if (this.countsTruncatedAtMs !== undefined) out.countsTruncatedAtMs = this.countsTruncatedAtMs;
    for (const i of order) {
      out.t.push(this.t[i]);
      out.node.push(this.node[i]);
      out.code.push(this.code[i]);
      out.a.push(this.a[i]);
      out.v.push(this.v[i]);
      out.hi.push(this.hi[i]);
    }
    return out;
  }
}
