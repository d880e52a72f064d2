import type { UsageLine } from '../../billing/types';
import { chunks } from '../../billing/units';
import { Histogram } from '../../metrics/histogram';
import type { SimContext } from '../../sim/context';
import type { EdgeRuntime } from '../../sim/edges';
import { NodeBase } from '../../sim/node-base';
import { COMPLETED, FAILED } from '../../sim/requests';
import { Slots, growF64, growI32 } from '../../sim/slots';
import { ERROR, OK, THROTTLED, TIMEOUT, type CallStatus, type NodeMetrics, type NodeSpec } from '../types';
import { API_TIMEOUT_DEFAULT_MS, type ApiGatewayParams } from './schema';
import { XRaySampler } from '../../observability/xray';

/** HTTP APIs meter requests in 512 KB increments [APIGW-WP]. */
const HTTP_METERING_KB = 512;

/**
 * API Gateway (REST or HTTP API) with a Lambda proxy integration: a token-bucket throttle
 * (429), the integration timeout (504), a function error (502) and a throttled or rejected
 * Lambda invoke (500, as the Lambda documentation says [L-APIGW-ERR]; re:Post also reports
 * 429 — the README notes the choice). API Gateway never retries the backend.
 */
export class ApiGatewayRuntime extends NodeBase<ApiGatewayParams> {
  private tokens = 0;
  private refilledAt = 0;
  declare private readonly ratePerMs: number;
  declare private readonly burst: number;
  declare private readonly timeoutMs: number;
  declare private readonly overheadMs: number;
  declare private readonly http: boolean;
  private integrations: EdgeRuntime[] = [];
  /** Null unless X-Ray tracing is on for the stage. */
  declare private readonly xray: XRaySampler | null;

  declare private slotReq: Int32Array;
  declare private slotStart: Float64Array;
  declare private readonly slots: Slots;

  private requests = 0;
  private ok = 0;
  private throttled = 0;
  private errors = 0;
  private timeouts = 0;
  private backendThrottled = 0;
  private meteredRequests = 0;
  private readonly latency = new Histogram();
  private readonly sRequests: number = -1;
  private readonly sThrottled: number = -1;
  private readonly sErrors: number = -1;
  /** The recorder's handle for its own 429s (they end a request without a hop): −1 when not recording. */
  private readonly cThrottled: number;

  constructor(ctx: SimContext, spec: NodeSpec<ApiGatewayParams>, index: number) {
    super(ctx, spec, index);
    const p = spec.params;
    this.burst = p.throttle.burst;
    this.tokens = this.burst;
    this.ratePerMs = p.throttle.ratePerSecond / 1000;
    this.timeoutMs = p.timeoutMs ?? API_TIMEOUT_DEFAULT_MS[p.flavor];
    this.overheadMs = p.overheadMs;
    this.http = p.flavor === 'http';
    this.xray = p.xrayTracing ? new XRaySampler(ctx, spec.id, p.xrayReadsPerTrace) : null;
    this.slots = new Slots(64, (cap) => {
      this.slotReq = growI32(this.slotReq, cap);
      this.slotStart = growF64(this.slotStart, cap);
    });
    this.cThrottled = this.counter('throttled');
    const s = ctx.series;
    if (s) {
      this.sRequests = s.register(`${spec.id}.requests`, 'rate');
      this.sThrottled = s.register(`${spec.id}.throttled`, 'rate');
      this.sErrors = s.register(`${spec.id}.errors`, 'rate');
    }
  }

  start(): void {
    this.integrations = this.out.filter((e) => e.meaning === 'integration');
  }

  /** A client's request (its path is handed to us; we end it with the response). */
  deliver(req: number, type: number, kb: number, group: number, t: number): void {
    if (this.xray !== null) this.xray.see(req, t);
    const measuring = this.measuring(t);
    const series = this.ctx.series;
    if (measuring) {
      this.requests++;
      if (series) series.count(this.sRequests, t);
    }
    this.tokens = Math.min(this.burst, this.tokens + (t - this.refilledAt) * this.ratePerMs);
    this.refilledAt = t;
    if (this.tokens < 1) {
      if (measuring) {
        this.throttled++;
        if (series) series.count(this.sThrottled, t);
      }
      this.tally(this.cThrottled, t, 1, measuring);
      this.ctx.requests.end(req, FAILED, t);
      return;
    }
    this.tokens -= 1;
    if (measuring) this.meteredRequests += this.http ? chunks(kb, HTTP_METERING_KB) : 1;
    const n = this.integrations.length;
    if (n === 0) {
      this.respond(req, t, t, THROTTLED, measuring);
      return;
    }
    const slot = this.slots.alloc();
    this.slotReq[slot] = req;
    this.slotStart[slot] = t;
    // Several integrations stand for several routes: each request takes one, uniformly.
    const e = n === 1 ? this.integrations[0] : this.integrations[this.rng.int(n)];
    e.call(req, type, kb, group, t, this, slot);
  }

  onReturn(slot: number, status: CallStatus, t: number): void {
    const req = this.slotReq[slot];
    const start = this.slotStart[slot];
    this.slots.release(slot);
    this.respond(req, start, t, status, this.measuring(start));
  }

  private respond(req: number, start: number, t: number, status: CallStatus, measuring: boolean): void {
    let outcome: typeof COMPLETED | typeof FAILED = FAILED;
    let answeredAt = t;
    if (t - start > this.timeoutMs) {
      // 504: the client gets its answer at the timeout; the backend keeps running (and billing).
      answeredAt = start + this.timeoutMs;
      if (measuring) this.timeouts++;
    } else if (status === OK) {
      outcome = COMPLETED;
      if (measuring) this.ok++;
    } else if (measuring) {
      // 502 for a function error or timeout, 500 for a throttled invoke.
      this.errors++;
      if (status === THROTTLED) this.backendThrottled++;
    }
    if (outcome === FAILED && measuring && this.ctx.series) this.ctx.series.count(this.sErrors, t);
    const respondedAt = answeredAt + this.overheadMs;
    if (this.ctx.requests.traceId(req) >= 0) {
      this.ctx.requests.hop(req, {
        node: this.spec.id,
        startMs: start,
        endMs: respondedAt,
        outcome: statusText(status, t - start > this.timeoutMs),
      });
    }
    this.ctx.requests.endAnswered(
      req,
      outcome,
      respondedAt,
      measuring ? this.latency : null,
      respondedAt - start,
    );
  }

  /** Requests waiting on their integration. */
  heldPaths(): number {
    return this.slots.countHeld(this.slotReq);
  }

  metrics(): NodeMetrics {
    return {
      requests: this.requests,
      ok: this.ok,
      throttled: this.throttled,
      errors: this.errors,
      timeouts: this.timeouts,
      backendThrottled: this.backendThrottled,
      latencyMs: this.latency.summary(),
    };
  }

  usage(): UsageLine[] {
    // Requests throttled by the gateway itself (429) are not charged; one that reaches the backend
    // is, even if the backend throttles it (AWS answer on re:Post, "Does AWS charge for
    // throttled requests?", repost.aws/questions/QUm1jSF1ieSQ25Ol1RzFLysA, 2020).
    const lines: UsageLine[] = [
      {
        meter: `apigw.${this.params.flavor}.requests`,
        name: `${this.params.flavor.toUpperCase()} API requests`,
        quantity: this.meteredRequests,
      },
    ];
    if (this.xray !== null) lines.push(...this.xray.usage());
    return lines;
  }
}

function statusText(status: CallStatus, timedOut: boolean): string {
  if (timedOut) return '504';
  return status === OK
    ? '200'
    : status === THROTTLED
      ? '500'
      : status === ERROR || status === TIMEOUT
        ? '502'
        : 'error';
}
