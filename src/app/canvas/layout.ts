import ELK from 'elkjs/lib/elk.bundled.js';
import { keyedRecord, ownEntry } from '../../engine/own-keys';
import type { ScenarioDoc } from '../store/scenario-doc';

const elk = new ELK();

const DEFAULT_SIZE = { width: 220, height: 96 };

/**
 * Left-to-right layered layout (elk "layered"): work flows from producers on the left to
 * sinks on the right, the way the canvas reads. Returns new positions by node id.
 */
export async function autoLayout(
  doc: ScenarioDoc,
  sizes: Readonly<Record<string, { width: number; height: number }>>,
): Promise<Record<string, { x: number; y: number }>> {
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      // Room between columns for a connection's label beside its bends.
      'elk.layered.spacing.nodeNodeBetweenLayers': '150',
      'elk.spacing.nodeNode': '56',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: doc.nodes.map((n) => ({ id: n.id, ...(ownEntry(sizes, n.id) ?? DEFAULT_SIZE) })),
    edges: doc.edges
      .filter((e) => e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const out = keyedRecord<{ x: number; y: number }>();
  for (const c of graph.children ?? []) out[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
  return out;
}
