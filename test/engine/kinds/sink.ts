import type { UsageLine } from '../../../src/engine/billing/types';
import type {
  CallStatus,
  NodeKind,
  NodeMetrics,
  NodeRuntime,
  NodeSpec,
} from '../../../src/engine/kinds/types';
import type { SimContext } from '../../../src/engine/sim/context';
import type { EdgeRuntime } from '../../../src/engine/sim/edges';
import { COMPLETED } from '../../../src/engine/sim/requests';

/**
 * A target for testing a source on its own: records what it is handed and ends each path at
 * once, so a source's arrivals can be checked without any other node's behaviour.
 */
export class Sink implements NodeRuntime {
  out: EdgeRuntime[] = [];
  in: EdgeRuntime[] = [];
  readonly spec: NodeSpec;
  readonly types: number[] = [];
  readonly groups: number[] = [];
  readonly times: number[] = [];

  constructor(
    private readonly ctx: SimContext,
    readonly index: number,
    kind: NodeKind = 'queue',
  ) {
    this.spec = { id: 'sink', kind, label: 'sink', params: {} };
  }

  deliver(req: number, type: number, _kb: number, group: number, t: number): void {
    this.types.push(type);
    this.groups.push(group);
    this.times.push(t);
    this.ctx.requests.end(req, COMPLETED, t);
  }
  start(): void {}
  onEvent(): void {}
  call(): void {}
  onReturn(_slot: number, _status: CallStatus): void {}
  finish(): void {}
  heldPaths(): number {
    return 0;
  }
  metrics(): NodeMetrics {
    return {};
  }
  usage(): UsageLine[] {
    return [];
  }
}
