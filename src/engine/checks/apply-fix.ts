import type { DocEdge, DocNode, ScenarioDoc } from '../scenario/doc';
import type { Fix } from './types';

/** Room between a new node and the one it is placed beside (a canvas column). */
const SPACING_X = 280;
const SPACING_Y = 180;

/**
 * The document with the fix made, or the same document when what the fix names is gone (the
 * person changed the diagram since the check ran). Pure: the editor calls it inside its
 * undoable edit, tests call it directly.
 */
export function applyFix(doc: ScenarioDoc, fix: Fix): ScenarioDoc {
  switch (fix.type) {
    case 'setNodeParam': {
      if (!doc.nodes.some((n) => n.id === fix.nodeId)) return doc;
      return {
        ...doc,
        nodes: doc.nodes.map((n) =>
          n.id === fix.nodeId ? { ...n, params: withParam(n.params, fix.param, fix.value) } : n,
        ),
      };
    }
    case 'setEdgeParam': {
      if (!doc.edges.some((e) => e.id === fix.edgeId)) return doc;
      return {
        ...doc,
        edges: doc.edges.map((e) =>
          e.id === fix.edgeId ? { ...e, params: withParam(e.params, fix.param, fix.value) } : e,
        ),
      };
    }
    case 'rewireEdge': {
      const ids = new Set(doc.nodes.map((n) => n.id));
      if (!doc.edges.some((e) => e.id === fix.edgeId) || !ids.has(fix.source) || !ids.has(fix.target))
        return doc;
      return {
        ...doc,
        edges: doc.edges.map((e) => {
          if (e.id !== fix.edgeId) return e;
          const { role: _old, ...rest } = e;
          const moved: DocEdge = { ...rest, source: fix.source, target: fix.target, params: {} };
          return fix.role === 'invoke' ? moved : { ...moved, role: fix.role };
        }),
      };
    }
    case 'addNode': {
      const near = doc.nodes.find((n) => n.id === fix.near);
      if (!near || !doc.nodes.some((n) => n.id === fix.edge.other)) return doc;
      const id = unique(fix.node.kind, new Set(doc.nodes.map((n) => n.id)));
      const label = unique(fix.node.label, new Set(doc.nodes.map((n) => n.label)), ' ');
      const dx = fix.edge.direction === 'to' ? -SPACING_X : SPACING_X;
      // A hand-written file may leave positions out (the editor lays such nodes out itself).
      const at = near.position ?? { x: 0, y: 0 };
      const node: DocNode = {
        id,
        kind: fix.node.kind,
        label,
        position: fix.below ? { x: at.x, y: at.y + SPACING_Y } : { x: at.x + dx, y: at.y },
        params: structuredClone(fix.node.params),
      };
      const [source, target] = fix.edge.direction === 'to' ? [id, fix.edge.other] : [fix.edge.other, id];
      const edgeId = unique(`${source}-to-${target}`, new Set(doc.edges.map((e) => e.id)));
      const edge: DocEdge =
        fix.edge.role === 'invoke'
          ? { id: edgeId, source, target, params: {} }
          : { id: edgeId, source, target, role: fix.edge.role, params: {} };
      return { ...doc, nodes: [...doc.nodes, node], edges: [...doc.edges, edge] };
    }
  }
}

/** A param set to a value, or removed when the value is undefined (back to "not set"). */
function withParam(params: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const next = { ...params };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** base, or base-2, base-3 … (base 2, base 3 … for labels) until it is not taken. */
function unique(base: string, taken: ReadonlySet<string>, sep = '-'): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${sep}${i}`)) return `${base}${sep}${i}`;
}
