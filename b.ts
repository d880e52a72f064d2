import { readFileSync } from 'node:fs';
import { simulate } from './src/engine/simulate';
for (const f of ['compare-containers', 'api-function']) {
  const doc = JSON.parse(readFileSync(`src/templates/${f}.json`, 'utf8'));
  const r = simulate(doc);
  for (const [id, n] of Object.entries(r.nodes)) {
    const m = n.metrics as any;
    if (n.kind === 'container') console.log(f, id, 'meanInst', m.meanInstances, 'maxInst', m.maxInstances, 'util', m.meanUtilization, n.cost.totalUsd);
    if (n.kind === 'function') console.log(f, id, 'cold', m.coldStarts, 'inv', m.invocations);
  }
  if (f === 'api-function') { const t = r.traces.flatMap(t=>t.hops).filter(h=>h.cold); console.log(t.length); }
  console.log(f, 'monthly', r.totals.monthlyCostUsd);
}
