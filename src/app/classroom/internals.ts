import { KINDS, type NodeKind } from '../../engine/kinds/registry';
import type { Result } from '../../engine/result';
import {
  LVL_FLEET_BUSY,
  LVL_FLEET_DRAINING,
  LVL_FLEET_SERVING,
  LVL_FLEET_STARTING,
  LVL_FLEET_WAITING,
  LVL_QUEUE_BATCHES,
  LVL_QUEUE_INFLIGHT,
  LVL_QUEUE_OLDEST,
  LVL_QUEUE_VISIBLE,
  INST_DRAINING,
  INST_FREE,
  INST_SERVING,
  INST_STARTING,
  READER_STRIDE,
  REC_COUNT,
  REC_ENV_BUSY,
  REC_ENV_GONE,
  REC_ENV_IDLE,
  REC_ENV_NEW,
  REC_HOST_READY,
  REC_INST_BUSY,
  REC_INST_HOST,
  REC_INST_STATE,
  REC_LANE_BATCH,
  REC_LANE_RECORDS,
  REC_LEVEL,
  REC_QUEUE_BATCH,
  REC_SHARD_OLDEST,
  recordingColumns,
  type Recording,
  type RecordingNode,
} from '../../engine/sim/recorder';
import type { InsidesDrawing } from '../../engine/kinds/catalog-types';
import { countAtOrBefore, partitionPoint } from './binary-search';

export { countAtOrBefore } from './binary-search';

/**
 * What is inside a node at simulated time t, from the run's recording: a function's
 * execution environments, a queue's messages, a stream's lanes, a server's or container
 * service's slots and instances. Pure functions of the result and t; the recording holds
 * every change at its instant, so these are exact (no buckets). Kinds without a recording
 * fall back to their time series (gaugesAt).
 */

export type EnvPhase = 'starting' | 'busy' | 'idle';

export interface EnvAt {
  env: number;
  phase: EnvPhase;
  provisioned: boolean;
  /** Idle on-demand environments: keep-alive left, as a fraction 0..1 of the keep-alive. */
  keepAliveLeft?: number;
}

export interface FunctionAt {
  node: string;
  envs: EnvAt[];
  busy: number;
  limit: number;
}

interface Segment {
  t: number;
  phase: EnvPhase;
  /** For a cold start: when INIT ends and the handler runs. */
  initEnd: number;
}

interface Life {
  env: number;
  born: number;
  died: number;
  provisioned: boolean;
  segs: Segment[];
}

export interface FunctionTimeline {
  node: string;
  keepAliveMs: number;
  limit: number;
  lives: Life[];
  /** Cold starts: [time the environment was taken, INIT ms], in time order. */
  colds: [number, number][];
}

/** One recorded quantity: its values and the times they were set (ascending). */
export interface Track {
  t: number[];
  v: number[];
  /** The highest value at each instant (the recording's `hi`), where it differs from v. */
  hi?: Map<number, number>;
}

/** The recorded quantities of a queue, stream, server or container service. */
export interface NodeTracks {
  info: RecordingNode;
  /** Keyed by trackKey(code, a). */
  tracks: Map<number, Track>;
  /** Per code, the `a`s recorded (first seen first): a queue's batch slots, a fleet's instances. */
  keys: Map<number, number[]>;
}

export interface Internals {
  functions: Map<string, FunctionTimeline>;
  /** Queues, streams (and tables' streams), servers and container services, by node id. */
  others: Map<string, NodeTracks>;
  /** Set when the other kinds' recording stopped early: their insides after this are unknown. */
  insidesTruncatedAtMs?: number;
  /** Set when the recording stopped early (its limit): nothing after this is known. */
  truncatedAtMs?: number;
}

/** What the replay draws inside a node of this kind, as its catalog says (none for an unknown kind). */
export function insidesOf(kind: string): InsidesDrawing | undefined {
  return Object.hasOwn(KINDS, kind) ? KINDS[kind as NodeKind].insides : undefined;
}

/**
 * Turns the recording into one timeline per node drawn with execution environments and the
 * recorded tracks of the others (built once per result).
 */
export function buildInternals(recording: Recording | undefined): Internals {
  const functions = new Map<string, FunctionTimeline>();
  const others = new Map<string, NodeTracks>();
  if (!recording) return { functions, others };
  const byIndex: (NodeTracks | undefined)[] = recording.nodes.map((n) => {
    if (insidesOf(n.kind) === 'environments' || n.countersOnly) return undefined;
    const nt: NodeTracks = { info: n, tracks: new Map(), keys: new Map() };
    others.set(n.id, nt);
    return nt;
  });
  const open = new Map<string, Life>();
  recording.nodes.forEach((n) => {
    if (insidesOf(n.kind) === 'environments')
      functions.set(n.id, {
        node: n.id,
        keepAliveMs: n.keepAliveMs ?? 0,
        limit: n.concurrencyLimit ?? 0,
        lives: [],
        colds: [],
      });
  });
  const rc = recordingColumns(recording);
  for (let i = 0; i < rc.t.length; i++) {
    const code = rc.code[i];
    // Counter increments: the figures at t read them (at-time.ts).
    if (code >= REC_COUNT) continue;
    if (code >= REC_LEVEL) {
      const nt = byIndex[rc.node[i]];
      if (!nt) continue;
      const key = trackKey(code, rc.a[i]);
      let tr = nt.tracks.get(key);
      if (!tr) {
        nt.tracks.set(key, (tr = { t: [], v: [] }));
        let as = nt.keys.get(code);
        if (!as) nt.keys.set(code, (as = []));
        as.push(rc.a[i]);
      }
      tr.t.push(rc.t[i]);
      tr.v.push(rc.v[i]);
      const hi = rc.hi[i];
      if (hi !== undefined && hi > rc.v[i]) (tr.hi ??= new Map()).set(tr.t.length - 1, hi);
      continue;
    }
    const info = recording.nodes[rc.node[i]];
    const fn = info && functions.get(info.id);
    if (!fn) continue;
    const t = rc.t[i];
    const env = rc.a[i];
    const key = `${info.id}\u0000${env}`;
    switch (rc.code[i]) {
      case REC_ENV_NEW: {
        const life: Life = {
          env,
          born: t,
          died: Infinity,
          provisioned: rc.v[i] === 1,
          segs: [{ t, phase: 'idle', initEnd: t }],
        };
        open.set(key, life);
        fn.lives.push(life);
        break;
      }
      case REC_ENV_BUSY: {
        const life = open.get(key);
        const init = rc.v[i];
        life?.segs.push({ t, phase: init > 0 ? 'starting' : 'busy', initEnd: t + init });
        if (init > 0) fn.colds.push([t, init]);
        break;
      }
      case REC_ENV_IDLE:
        open.get(key)?.segs.push({ t, phase: 'idle', initEnd: t });
        break;
      case REC_ENV_GONE: {
        const life = open.get(key);
        if (life) {
          life.died = t;
          open.delete(key);
        }
        break;
      }
    }
  }
  const out: Internals = { functions, others };
  if (recording.truncatedAtMs !== undefined) out.truncatedAtMs = recording.truncatedAtMs;
  if (recording.insidesTruncatedAtMs !== undefined) out.insidesTruncatedAtMs = recording.insidesTruncatedAtMs;
  return out;
}

/** A track's key: `a` takes up to 32 bits (reader × READER_STRIDE + lane). */
export function trackKey(code: number, a: number): number {
  return code * 4_294_967_296 + a;
}

/** A track's value at t: the last one set at or before t (binary search), else `none`. */
export function trackAt(tr: Track | undefined, t: number, none = 0): number {
  if (!tr) return none;
  const n = countAtOrBefore(tr.t, t);
  return n > 0 ? tr.v[n - 1] : none;
}

/**
 * The most a sum of recorded levels reached at or before t, as a function of t, counted the
 * engine's way (metrics/level.ts's max): over the window from fromMs on, with the value held
 * when the window opened, and the value held all along when nothing changed inside it (0
 * before any record). Built once (a merged timeline), then a binary search per t. A queue's
 * most visible messages (its depth), a fleet's most running instances.
 */
export function peakUpTo(nt: NodeTracks, levels: readonly number[], fromMs = 0): (t: number) => number {
  const at: number[] = [];
  const sum: number[] = [];
  const top: number[] = [];
  eachInstant(nt, levels, (t, cur, hi) => {
    const v = cur.reduce((a, b) => a + b, 0);
    at.push(t);
    sum.push(v);
    // One level: a value it held only for an instant (rose and fell back) counts too.
    top.push(levels.length === 1 ? Math.max(v, hi ?? v) : v);
  });
  return peakFrom(at, sum, top, fromMs);
}

/**
 * Walks the instants at which any of a node's recorded levels changed, in time order, with
 * every level's value after all of that instant's changes (the recorder keeps one value per
 * instant and level) and, for one level, the highest it was at that instant.
 */
function eachInstant(
  nt: NodeTracks,
  levels: readonly number[],
  visit: (t: number, values: readonly number[], hi: number | undefined) => void,
): void {
  const tracks = levels.map((l) => nt.tracks.get(trackKey(REC_LEVEL, l)) ?? { t: [], v: [] });
  const cur = tracks.map(() => 0);
  const next = tracks.map(() => 0);
  for (;;) {
    let t = Infinity;
    tracks.forEach((tr, k) => {
      if (next[k] < tr.t.length) t = Math.min(t, tr.t[next[k]]);
    });
    if (t === Infinity) return;
    tracks.forEach((tr, k) => {
      while (next[k] < tr.t.length && tr.t[next[k]] === t) cur[k] = tr.v[next[k]++];
    });
    visit(t, cur, tracks.length === 1 ? tracks[0].hi?.get(next[0] - 1) : undefined);
  }
}

/**
 * The most a level reached up to t, from its values `now` set at times `at` (ascending; `top`,
 * the highest it was at each of them), counted from fromMs on as metrics/level.ts counts its max.
 */
export function peakFrom(
  at: readonly number[],
  now: readonly number[],
  top: readonly number[],
  fromMs: number,
): (t: number) => number {
  const max: number[] = [];
  let peak = 0;
  for (let i = 0; i < at.length; i++) {
    if (at[i] >= fromMs) {
      if (i > 0 && at[i - 1] < fromMs) peak = Math.max(peak, now[i - 1]);
      peak = Math.max(peak, top[i]);
    }
    max.push(peak);
  }
  return (t) => {
    const k = countAtOrBefore(at, t);
    if (k === 0) return 0;
    // No change inside the window yet: the value held all along.
    return at[k - 1] < fromMs ? now[k - 1] : max[k - 1];
  };
}

function level(nt: NodeTracks, lvl: number, t: number, none = 0): number {
  return trackAt(nt.tracks.get(trackKey(REC_LEVEL, lvl)), t, none);
}

export interface QueueAt {
  /** Messages visible, waiting to be received. */
  visible: number;
  /** Messages received and not yet deleted (in a batch, or invisible after a failure). */
  inFlight: number;
  /** Batches in a call to the readers. */
  batches: number;
  /** Age of the oldest visible message in ms, undefined when none is visible. */
  oldestAgeMs?: number;
  /** Each reader's batches at t: messages in each, > 0 in a call, < 0 being gathered (batch window). */
  readers: { id: string; batches: number[] }[];
}

export function queueAt(nt: NodeTracks, t: number): QueueAt {
  const readers = (nt.info.readers ?? []).map((id) => ({ id, batches: [] as number[] }));
  for (const a of nt.keys.get(REC_QUEUE_BATCH) ?? []) {
    const v = trackAt(nt.tracks.get(trackKey(REC_QUEUE_BATCH, a)), t);
    const r = readers[Math.floor(a / READER_STRIDE)];
    if (v !== 0 && r) r.batches.push(v);
  }
  const out: QueueAt = {
    visible: level(nt, LVL_QUEUE_VISIBLE, t),
    inFlight: level(nt, LVL_QUEUE_INFLIGHT, t),
    batches: level(nt, LVL_QUEUE_BATCHES, t),
    readers,
  };
  const oldest = level(nt, LVL_QUEUE_OLDEST, t, -1);
  if (oldest >= 0 && out.visible > 0) out.oldestAgeMs = Math.max(0, t - oldest);
  return out;
}

export interface FleetAt {
  /** Request slots busy. */
  busy: number;
  /** Requests waiting for a slot. */
  waiting: number;
  /** Instances (tasks) serving, starting (launched, not serving yet) and draining. */
  serving: number;
  starting: number;
  draining: number;
  slotsPerInstance: number;
  maxInstances: number;
  /** Each instance (task) running at t, in index order: its state and busy slots. */
  instances: InstanceAt[];
  /** ECS on EC2 / EKS: the hosts the running tasks sit on, in index order. */
  hosts?: HostAt[];
}

export interface InstanceAt {
  inst: number;
  state: 'starting' | 'serving' | 'draining';
  busy: number;
  /** ECS on EC2 / EKS: the host it sits on. */
  host?: number;
}

export interface HostAt {
  host: number;
  /** Still launching or booting at t: its tasks wait for it. */
  launching: boolean;
  tasks: InstanceAt[];
}

const INST_STATES: Record<number, InstanceAt['state'] | undefined> = {
  [INST_STARTING]: 'starting',
  [INST_SERVING]: 'serving',
  [INST_DRAINING]: 'draining',
};

export function fleetAt(nt: NodeTracks, t: number): FleetAt {
  const instances: InstanceAt[] = [];
  for (const inst of nt.keys.get(REC_INST_STATE) ?? []) {
    const state = INST_STATES[trackAt(nt.tracks.get(trackKey(REC_INST_STATE, inst)), t, INST_FREE)];
    if (!state) continue;
    const i: InstanceAt = { inst, state, busy: trackAt(nt.tracks.get(trackKey(REC_INST_BUSY, inst)), t) };
    const host = trackAt(nt.tracks.get(trackKey(REC_INST_HOST, inst)), t, -1);
    if (host >= 0) i.host = host;
    instances.push(i);
  }
  instances.sort((a, b) => a.inst - b.inst);
  const out: FleetAt = {
    busy: level(nt, LVL_FLEET_BUSY, t),
    waiting: level(nt, LVL_FLEET_WAITING, t),
    serving: level(nt, LVL_FLEET_SERVING, t),
    starting: level(nt, LVL_FLEET_STARTING, t),
    draining: level(nt, LVL_FLEET_DRAINING, t),
    slotsPerInstance: nt.info.slotsPerInstance ?? 1,
    maxInstances: nt.info.maxInstances ?? 0,
    instances,
  };
  if (nt.info.launchType === 'ec2' || nt.info.launchType === 'eks') {
    const hosts = new Map<number, HostAt>();
    for (const i of instances) {
      if (i.host === undefined) continue;
      let h = hosts.get(i.host);
      if (!h) {
        const ready = trackAt(nt.tracks.get(trackKey(REC_HOST_READY, i.host)), t, 0);
        hosts.set(i.host, (h = { host: i.host, launching: t < ready, tasks: [] }));
      }
      h.tasks.push(i);
    }
    out.hosts = [...hosts.values()].sort((a, b) => a.host - b.host);
  }
  return out;
}

export interface LaneAt {
  /** Records in the lane, the batch in a call included. */
  records: number;
  /** The lane's batch: > 0 in a call, < 0 failed and held for a retry (the lane is blocked), 0 none. */
  batch: number;
}

export interface ShardAt {
  lanes: LaneAt[];
  /** Iterator age in ms (now − arrival of the oldest unread record), undefined when none waits. */
  iteratorAgeMs?: number;
}

/** A stream's readers (each reads every record, on lanes of its own). */
export function streamReaders(nt: NodeTracks): string[] {
  return nt.info.readers ?? [];
}

/** A stream's shards at t, as reader `reader` (its index in streamReaders) sees them. */
export function streamAt(nt: NodeTracks, t: number, reader = 0): ShardAt[] {
  const shards = nt.info.shards ?? 0;
  const per = nt.info.lanesPerShard?.[reader] ?? 1;
  const base = reader * READER_STRIDE;
  const out: ShardAt[] = [];
  for (let s = 0; s < shards; s++) {
    const lanes: LaneAt[] = [];
    for (let k = 0; k < per; k++) {
      const lane = base + s * per + k;
      lanes.push({
        records: trackAt(nt.tracks.get(trackKey(REC_LANE_RECORDS, lane)), t),
        batch: trackAt(nt.tracks.get(trackKey(REC_LANE_BATCH, lane)), t),
      });
    }
    const shard: ShardAt = { lanes };
    const oldest = trackAt(nt.tracks.get(trackKey(REC_SHARD_OLDEST, base + s)), t, -1);
    if (oldest >= 0) shard.iteratorAgeMs = Math.max(0, t - oldest);
    out.push(shard);
  }
  return out;
}

/** The INIT time of the cold start that began at t on a function, when the recording has it. */
export function coldInitAt(internals: Internals, node: string, t: number): number | undefined {
  const colds = internals.functions.get(node)?.colds;
  if (!colds) return undefined;
  const k = partitionPoint(colds.length, (i) => colds[i][0] < t - 1e-6);
  return k < colds.length && Math.abs(colds[k][0] - t) <= 1e-6 ? colds[k][1] : undefined;
}

/** The last segment that began at or before t (binary search). */
function segmentAt(segs: Segment[], t: number): Segment | undefined {
  const k = partitionPoint(segs.length, (i) => segs[i].t <= t);
  return k > 0 ? segs[k - 1] : undefined;
}

/** A function's environments at t: starting (cold INIT), busy, or idle with keep-alive left. */
export function functionAt(tl: FunctionTimeline, t: number): FunctionAt {
  const envs: EnvAt[] = [];
  let busy = 0;
  for (const life of tl.lives) {
    if (life.born > t || life.died <= t) continue;
    const seg = segmentAt(life.segs, t);
    if (!seg) continue;
    let phase = seg.phase;
    if (phase === 'starting' && t >= seg.initEnd) phase = 'busy';
    if (phase !== 'idle') busy++;
    const e: EnvAt = { env: life.env, phase, provisioned: life.provisioned };
    if (phase === 'idle' && !life.provisioned && tl.keepAliveMs > 0) {
      e.keepAliveLeft = Math.max(0, Math.min(1, 1 - (t - seg.t) / tl.keepAliveMs));
    }
    envs.push(e);
  }
  // Stable order: by environment id, so slots do not jump around between frames.
  envs.sort((a, b) => a.env - b.env);
  return { node: tl.node, envs, busy, limit: tl.limit };
}

type Series = NonNullable<Result['series']>;

/** A series' value at t (seconds): the bucket holding t, or undefined when there is no such series. */
export function seriesAt(series: Series | undefined, key: string, tSeconds: number): number | undefined {
  if (!series) return undefined;
  const v = series[key];
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const i = Math.min(v.length - 1, Math.max(0, Math.floor(tSeconds / series.bucketSeconds)));
  return v[i];
}

/** A 'rate' series summed from 0 to t (seconds): how many happened so far (the partial bucket pro rata). */
export function cumulativeAt(series: Series | undefined, key: string, tSeconds: number): number | undefined {
  if (!series) return undefined;
  const v = series[key];
  if (!Array.isArray(v)) return undefined;
  const b = series.bucketSeconds;
  let sum = 0;
  const full = Math.min(v.length, Math.floor(tSeconds / b));
  for (let i = 0; i < full; i++) sum += v[i] * b;
  if (full < v.length) sum += v[full] * (tSeconds - full * b);
  return sum;
}

export interface Gauge {
  label: string;
  value: number;
}

/**
 * A node's gauges at t from its series (queues, streams, servers): the series its kind's
 * catalog marks with a gauge label, then one per shard for series kept per shard.
 */
export function gaugesAt(series: Series | undefined, node: string, kind: string, tSeconds: number): Gauge[] {
  const out: Gauge[] = [];
  const declared = Object.hasOwn(KINDS, kind) ? KINDS[kind as NodeKind].series : {};
  const gauges = Object.entries(declared).filter(([, info]) => info.gauge !== undefined);
  for (const [metric, info] of gauges) {
    const v = seriesAt(series, `${node}.${metric}`, tSeconds);
    if (v !== undefined) out.push({ label: info.gauge!, value: v });
  }
  for (const [metric, info] of gauges) {
    if (!info.perShard || !series) continue;
    for (let i = 0; ; i++) {
      const v = seriesAt(series, `${node}.shard${i}.${metric}`, tSeconds);
      if (v === undefined) break;
      out.push({ label: `shard ${i}`, value: v });
    }
  }
  return out;
}

/**
 * What the replay draws inside every recorded queue, stream and fleet at t, as plain data: the
 * canvas writes it (paused) for tests, which compare it with a run of their own.
 */
const INST_LETTER = { starting: 'S', serving: 'R', draining: 'D' } as const;

export function insidesAt(internals: Internals, t: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, nt] of internals.others) {
    const drawn = insidesOf(nt.info.kind);
    if (drawn === 'messages') {
      const q = queueAt(nt, t);
      out[id] = {
        visible: q.visible,
        inFlight: q.inFlight,
        readers: q.readers.map((r) => [r.id, [...r.batches].sort((a, b) => b - a)]),
      };
    } else if (drawn === 'instances') {
      const f = fleetAt(nt, t);
      const o: Record<string, unknown> = {
        waiting: f.waiting,
        instances: f.instances.map((i) => `${INST_LETTER[i.state]}${i.busy}`).join(' '),
      };
      if (f.hosts) o.hosts = f.hosts.map((h) => `${h.launching ? 'L' : 'H'}${h.tasks.length}`).join(' ');
      out[id] = o;
    } else if (drawn === 'lanes' && nt.info.shards !== undefined) {
      out[id] = streamReaders(nt).map((r, k) => [
        r,
        streamAt(nt, t, k).map((sh) => sh.lanes.map((l) => `${l.records}/${l.batch}`).join(',')),
      ]);
    }
  }
  return out;
}

/**
 * A level's time integral from fromMs to t, summed the engine's way (metrics/level.ts: a
 * product per change, from the later of the last change and the window's start), so its mean
 * (this ÷ (t − from)) is the figure of a run that ends at t, to the last bit.
 */
export function areaUpTo(tr: Track | undefined, fromMs: number): (t: number) => number {
  const at: number[] = [];
  const area: number[] = [];
  const val: number[] = [];
  let acc = 0;
  let last = 0;
  let value = 0;
  for (let i = 0; i < (tr?.t.length ?? 0); i++) {
    const t = tr!.t[i];
    const from = last > fromMs ? last : fromMs;
    if (t > from && value !== 0) acc += value * (t - from);
    if (t > last) last = t;
    value = tr!.v[i];
    at.push(last);
    area.push(acc);
    val.push(value);
  }
  return (t) => {
    const lo = countAtOrBefore(at, t);
    if (lo === 0) return 0;
    const from = at[lo - 1] > fromMs ? at[lo - 1] : fromMs;
    const v = val[lo - 1];
    return t > from && v !== 0 ? area[lo - 1] + v * (t - from) : area[lo - 1];
  };
}

/**
 * The time mean over [fromMs, t] of `value` of some recorded levels at each instant, as a
 * function of t, to six decimals: a fleet's `meanUtilization` of a run that ends at t (busy
 * request slots over the slots of the instances serving or draining). Undefined up to fromMs
 * (a run that stops in its warm-up measures nothing).
 */
export function meanOfUpTo(
  nt: NodeTracks,
  levels: readonly number[],
  value: (levels: readonly number[], node: RecordingNode) => number,
  fromMs: number,
): (t: number) => number | undefined {
  const at: number[] = [];
  const u: number[] = [];
  const area: number[] = [];
  let acc = 0;
  let lastT = fromMs;
  let lastU = 0;
  eachInstant(nt, levels, (t, cur) => {
    if (t > lastT) acc += lastU * (t - lastT);
    if (t > lastT) lastT = t;
    lastU = value(cur, nt.info);
    at.push(lastT);
    u.push(lastU);
    area.push(acc);
  });
  return (t) => {
    if (t <= fromMs) return undefined;
    const lo = countAtOrBefore(at, t);
    const total = lo === 0 ? 0 : area[lo - 1] + u[lo - 1] * (t - at[lo - 1]);
    return Math.round((total / (t - fromMs)) * 1e6) / 1e6;
  };
}
