import { readFileSync } from 'node:fs';
import { simulate } from '../../src/engine/simulate';
import { replayData } from '../../src/app/classroom/replay-data';
import { serviceMapAt } from '../../src/app/servicemap/map-at';
import { serviceMapOf } from '../../src/app/servicemap/map-data';
for (const f of process.argv.slice(2)) {
  const doc = JSON.parse(readFileSync(`src/templates/${f}`, 'utf8'));
  const r = simulate(doc, { traceSampleRate: 1, maxTraces: 100000, record: true });
  const c: Record<string, number> = {};
  for (const t of r.traces)
    for (const h of t.hops) c[`${h.node}:${h.outcome}`] = (c[`${h.node}:${h.outcome}`] ?? 0) + 1;
  console.log(f, r.traces.length, r.simulatedSeconds, JSON.stringify(c));
  const a = serviceMapAt(replayData(r, doc), doc, r.simulatedSeconds * 1000, r.simulatedSeconds * 1000);
  const b = serviceMapOf(r, doc);
  for (const n of a.nodes)
    console.log(
      n.id,
      JSON.stringify(n.outcomes),
      JSON.stringify(b.nodes.find((x) => x.id === n.id)!.outcomes),
    );
  for (const [id, n] of Object.entries(r.nodes)) console.log(id, JSON.stringify(n.metrics).slice(0, 300));
}
