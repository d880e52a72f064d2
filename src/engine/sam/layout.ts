import { keyedRecord } from '../own-keys';
import type { ScenarioDoc } from '../scenario/doc';

const COLUMN = 300;
const ROW = 150;

/**
 * A plain layered layout for files written outside the app (the CLI): each node one column
 * right of the furthest node that feeds it (longest path over invoke edges, cycles broken by
 * visit order), rows in the order the nodes were listed. The app lays the import out again
 * with elk before showing it.
 */
export function layeredPositions(doc: ScenarioDoc): Record<string, { x: number; y: number }> {
  const layer = new Map<string, number>(doc.nodes.map((n) => [n.id, 0]));
  const edges = doc.edges.filter((e) => e.source !== e.target);
  // Bellman-Ford style relaxation, bounded by the node count so a cycle cannot loop forever.
  for (let pass = 0; pass < doc.nodes.length; pass++) {
    let changed = false;
    for (const e of edges) {
      const s = layer.get(e.source);
      const t = layer.get(e.target);
      if (s === undefined || t === undefined) continue;
      if (t < s + 1 && s + 1 < doc.nodes.length) {
        layer.set(e.target, s + 1);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows = new Map<number, number>();
  const out = keyedRecord<{ x: number; y: number }>();
  for (const n of doc.nodes) {
    const l = layer.get(n.id)!;
    const r = rows.get(l) ?? 0;
    rows.set(l, r + 1);
    out[n.id] = { x: l * COLUMN, y: r * ROW };
  }
  return out;
}
