import { INIT_LIMIT_MS } from '../kinds/function/schema';
import type { DistParams } from '../scenario/params';
import { source } from './sources';
import type { Check, Finding } from './types';
import { seconds } from './words';

/**
 * The INIT phase is limited to 10 s [L-RTENV]. Validation refuses a mean or a maximum above
 * it; this catches a distribution whose tail goes past it (a lognormal's p99, a normal's
 * spread, an exponential's long tail) while its mean is well under.
 */
export const initLimit: Check = {
  name: 'init-limit',
  run(ctx) {
    const out: Finding[] = [];
    for (const f of ctx.scenario.nodes) {
      if (f.kind !== 'function') continue;
      const d = f.params.coldStart as DistParams | undefined;
      if (!d || (d.maxMs !== undefined && d.maxMs <= INIT_LIMIT_MS)) continue;
      const p99 = tailP99(d);
      if (p99 <= INIT_LIMIT_MS) continue;
      const fn = ctx.label(f.id);
      out.push({
        id: `init-limit:${f.id}`,
        check: 'init-limit',
        severity: 'warning',
        message: `${fn}'s cold starts reach ${seconds(p99 / 1000)} at the 99th percentile, but Lambda stops an INIT phase after 10 s (and tries again at the first invocation): the slowest cold starts here could not happen as drawn.`,
        nodeIds: [f.id],
        source: source('[L-RTENV]'),
        fix: {
          type: 'setNodeParam',
          label: `Cap ${fn}'s cold start at 10 s`,
          nodeId: f.id,
          param: 'coldStart',
          value: { ...d, maxMs: INIT_LIMIT_MS },
        },
      });
    }
    return out;
  },
};

/** The 99th percentile of a duration distribution as the kernel draws it (kernel/distributions.ts), before min/max. */
function tailP99(d: DistParams): number {
  const mean = Math.max(0, d.meanMs);
  switch (d.dist) {
    case 'constant':
      return mean;
    case 'exponential':
      return mean * Math.log(100);
    case 'uniform': {
      const lo = d.minMs ?? (d.maxMs !== undefined ? 2 * mean - d.maxMs : 0);
      const hi = d.maxMs ?? 2 * mean - lo;
      return lo + 0.99 * (hi - lo);
    }
    case 'normal':
      return mean + Z99 * (d.sdMs ?? mean / 4);
    case 'lognormal': {
      if (d.p99Ms !== undefined) return d.p99Ms;
      const sd = d.sdMs ?? mean / 2;
      const sigma = mean > 0 ? Math.sqrt(Math.log(1 + (sd * sd) / (mean * mean))) : 0;
      return Math.exp(Math.log(Math.max(mean, 1e-9)) - (sigma * sigma) / 2 + Z99 * sigma);
    }
  }
}

/** z such that P(Z < z) = 0.99 for a standard normal. */
const Z99 = 2.3263478740408408;
