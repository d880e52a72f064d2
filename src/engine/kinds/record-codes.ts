/**
 * The recording's vocabulary (engine/sim/recorder.ts writes it, the classroom replay reads it):
 * record codes, the levels and instance states they carry, and what each node tells its reader.
 * Plain constants, so the kinds' catalogs can name the records their figures at t are read from
 * (MetricInfo.recorded) without importing the recorder.
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
/**
 * ECS on EC2 / EKS: the cluster pool's instances running (launched: booting or serving), on
 * each of the pool's services (its host figures are the same on each).
 */
export const LVL_POOL_HOSTS = 20;
/** ECS on EC2 / EKS: the pool's tasks placed. */
export const LVL_POOL_TASKS = 21;
/** ECS on EC2 / EKS: the pool's vCPU reserved by tasks. */
export const LVL_POOL_VCPU = 22;
/** ECS on EC2 / EKS: the pool's memory reserved by tasks, GB. */
export const LVL_POOL_MEM = 23;

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
  /** ECS on EC2 / EKS: vCPU and memory (GB) of one instance of its pool (LVL_POOL_*). */
  hostVcpu?: number;
  hostMemoryGB?: number;
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
