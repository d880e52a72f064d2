/**
 * AWS X-Ray on a node: the default sampling rule decides, for each request that reaches the
 * first traced node on its way, whether it is traced; the decision travels with the request
 * (its trace header) so every traced node downstream records into the same trace. A trace is
 * billed once, by the node that decided, however many traced nodes it crosses.
 */
import { XRAY } from '../billing/prices';
import type { UsageLine } from '../billing/types';
import type { Rng } from '../kernel/rng';
import type { SimContext } from '../sim/context';
import { XRAY_NOT_SAMPLED, XRAY_SAMPLED, XRAY_UNDECIDED } from '../sim/requests';

export class XRaySampler {
  /** Traces this node started (decided to sample) while measuring. */
  recorded = 0;
  /** Requests this node decided on while measuring (sampled or not). */
  decided = 0;
  private second = -1;
  private reservoirLeft = 0;
  private readonly rng: Rng;
  private readonly reservoir: number;
  private readonly rate: number;

  constructor(
    private readonly ctx: SimContext,
    nodeId: string,
    /** Traces read back (scanned or retrieved) per trace recorded: the node's `xrayReadsPerTrace`. */
    private readonly readsPerTrace: number,
  ) {
    // Its own stream: turning tracing on never changes the draws the simulation makes.
    this.rng = ctx.rng(nodeId, 'xray');
    this.reservoir = XRAY.defaultRule.reservoirPerSecond;
    this.rate = XRAY.defaultRule.fixedRate;
    ctx.requests.useXray();
  }

  /** Request `req` reaches the traced node at t; decides if no traced node has yet. */
  see(req: number, t: number): void {
    if (req < 0) return;
    const requests = this.ctx.requests;
    if (requests.xrayDecision(req) !== XRAY_UNDECIDED) return;
    const sec = Math.floor(t / 1000);
    if (sec !== this.second) {
      this.second = sec;
      this.reservoirLeft = this.reservoir;
    }
    let sampled: boolean;
    if (this.reservoirLeft > 0) {
      this.reservoirLeft--;
      sampled = true;
    } else sampled = this.rng.next() < this.rate;
    requests.setXrayDecision(req, sampled ? XRAY_SAMPLED : XRAY_NOT_SAMPLED);
    if (this.ctx.measuring(t)) {
      this.decided++;
      if (sampled) this.recorded++;
    }
  }

  /** The traces this node started, and the reads of them people make (scans and retrievals). */
  usage(): UsageLine[] {
    return [
      { meter: 'xray.tracesRecorded', name: 'X-Ray traces recorded', quantity: this.recorded },
      {
        meter: 'xray.tracesRetrievedOrScanned',
        name: 'X-Ray traces retrieved or scanned',
        quantity: this.recorded * this.readsPerTrace,
      },
    ];
  }
}
