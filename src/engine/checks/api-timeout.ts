import { API_TIMEOUT_DEFAULT_MS } from '../kinds/apiGateway/schema';
import { source } from './sources';
import type { Check, Finding } from './types';
import { seconds } from './words';

/**
 * A function allowed to run longer than the API in front of it waits: the client gets 504
 * at the integration timeout while the function runs on, billed, for nobody [APIGW-LIM]
 * [L-APIGW-ERR]. The fix lowers the function's timeout to the API's.
 */
export const apiTimeout: Check = {
  name: 'api-timeout',
  run(ctx) {
    const out: Finding[] = [];
    for (const f of ctx.scenario.nodes) {
      if (f.kind !== 'function') continue;
      let tightest: { api: string; ms: number; edge: string } | undefined;
      for (const e of ctx.incoming(f.id)) {
        const api = ctx.node(e.source);
        if (api.kind !== 'apiGateway' || e.role !== 'invoke') continue;
        const flavor = api.params.flavor as keyof typeof API_TIMEOUT_DEFAULT_MS;
        const ms = (api.params.timeoutMs as number | undefined) ?? API_TIMEOUT_DEFAULT_MS[flavor];
        if (!tightest || ms < tightest.ms) tightest = { api: api.id, ms, edge: e.id };
      }
      const timeout = f.params.timeoutMs as number;
      if (!tightest || timeout <= tightest.ms) continue;
      const fn = ctx.label(f.id);
      const an = ctx.label(tightest.api);
      out.push({
        id: `api-timeout:${f.id}`,
        check: 'api-timeout',
        severity: 'warning',
        message: `${fn} may run for ${seconds(timeout / 1000)}, but ${an} stops waiting after ${seconds(tightest.ms / 1000)}: the client gets a 504 while ${fn} runs on, and is billed, for nobody.`,
        nodeIds: [f.id, tightest.api],
        edgeIds: [tightest.edge],
        source: source('[APIGW-LIM] [L-APIGW-ERR]'),
        fix: {
          type: 'setNodeParam',
          label: `Set ${fn}'s timeout to ${seconds(tightest.ms / 1000)}`,
          nodeId: f.id,
          param: 'timeoutMs',
          value: tightest.ms,
        },
      });
    }
    return out;
  },
};
