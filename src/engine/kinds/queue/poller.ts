import type { EdgeRuntime } from '../../sim/edges';
import { RingDeque } from '../../sim/ring-deque';
import type { NodeRuntime } from '../types';
import { ESM_INITIAL_CONCURRENCY, ESM_MAX_CONCURRENCY, LONG_POLL_MS } from './limits';

/**
 * One reader of a queue: Lambda's event source mapping (queue → function) or a worker
 * service (queue → container).
 *
 * The event source mapping has a number of pollers; each is either working on a batch
 * (filling it during the batch window, or waiting for the function to answer), backing off
 * after a throttle, or idle: long-polling the queue. Idle pollers are kept in a deque of the
 * times they started waiting. Work goes to the one that became idle last; the one idle
 * longest retires first when the mapping scales down. Their empty receives (one per 20 s of
 * waiting) are counted when they stop waiting, so an idle poller costs no events.
 *
 * A worker service starts a batch whenever target.workerCapacity(t) says it has a free slot
 * (asked only while messages wait). It is assumed to have one receive loop: the deque then
 * holds at most that loop, long-polling while the queue has nothing to give.
 */
export class Poller {
  declare readonly target: NodeRuntime;
  /** A worker service: concurrency comes from target.workerCapacity(t), not the Lambda rule. */
  declare readonly worker: boolean;
  declare readonly batchSize: number;
  declare readonly windowMs: number;
  declare readonly reportItemFailures: boolean;
  /** Most pollers (concurrent batches) the mapping may reach, and where it starts and rests. */
  declare readonly max: number;
  declare readonly base: number;

  /** Batches being filled or processed. */
  active = 0;
  /** Pollers backing off after a throttle (a worker service: 1 while it is left alone). */
  sleeping = 0;
  /** A scale-up step (a worker service: a capacity re-check) is scheduled. */
  growScheduled = false;
  /** Standard queues: the batch being filled during its window, −1 when none. */
  filling = -1;

  /** When each idle poller started waiting, oldest first. */
  private readonly idle = new RingDeque(8);

  constructor(
    readonly index: number,
    readonly edge: EdgeRuntime,
  ) {
    this.target = edge.target;
    this.worker = typeof edge.target.workerCapacity === 'function';
    const p = edge.params;
    this.batchSize = p.batchSize ?? 10;
    this.windowMs = (p.batchWindowSeconds ?? 0) * 1000;
    this.reportItemFailures = p.reportBatchItemFailures === true;
    this.max = Math.min(ESM_MAX_CONCURRENCY, p.maximumConcurrency ?? ESM_MAX_CONCURRENCY);
    this.base = Math.min(ESM_INITIAL_CONCURRENCY, this.max);
  }

  /** Idle pollers. */
  get idleCount(): number {
    return this.idle.size;
  }

  /** Pollers the mapping has now. */
  get total(): number {
    return this.active + this.sleeping + this.idle.size;
  }

  pushIdle(t: number): void {
    this.idle.pushBack(t);
  }

  /** The poller that became idle last stops waiting; returns when it started waiting. */
  takeNewest(): number {
    return this.idle.popBack();
  }

  /** When the longest-idle poller started waiting (only when idleCount > 0). */
  get oldestIdleSince(): number {
    return this.idle.front();
  }

  takeOldest(): number {
    return this.idle.popFront();
  }

  /** Start times of the idle pollers, for the end of the run. */
  idleAt(i: number): number {
    return this.idle.at(i);
  }
}

/**
 * Empty receives of a poller that long-polled from `since` to `until`: one per full 20 s,
 * counted only from `measureFrom` on (the bill covers the measured window).
 */
export function emptyReceivesBetween(since: number, until: number, measureFrom: number): number {
  // Most polls return within one long poll: none empty, decided without a division.
  if (until - since < LONG_POLL_MS) return 0;
  const n = Math.floor((until - since) / LONG_POLL_MS);
  if (n <= 0) return 0;
  if (measureFrom <= since + LONG_POLL_MS) return n;
  const first = Math.ceil((measureFrom - since) / LONG_POLL_MS);
  return Math.max(0, n - first + 1);
}
