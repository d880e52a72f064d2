/** The document shape is the engine's (one definition for the editor, validation and import). */
import type { DocEdge, DocNode, ScenarioDoc } from '../../engine/scenario/doc';
import type { NodeKind } from '../../engine/kinds/vocabulary';

export type { DocEdge, DocNode, ScenarioDoc };

export const SCENARIO_FORMAT = 'serverless-sim.scenario';

export function emptyScenario(name = 'Untitled scenario'): ScenarioDoc {
  return { format: SCENARIO_FORMAT, version: 1, name, notes: '', settings: {}, nodes: [], edges: [] };
}

/**
 * Brings a document that passed validation (or a template) into the editor's shape: every
 * node has a label, a position and a params object, every edge a params object. Nothing
 * else is touched, so export gives back what was imported.
 */
export function normalizeDoc(input: unknown): ScenarioDoc {
  const d = (input ?? {}) as Partial<ScenarioDoc> & {
    nodes?: Partial<DocNode>[];
    edges?: Partial<DocEdge>[];
  };
  return {
    ...d,
    format: SCENARIO_FORMAT,
    version: 1,
    name: typeof d.name === 'string' ? d.name : 'Untitled scenario',
    settings: { ...(d.settings ?? {}) },
    nodes: (d.nodes ?? []).map((n, i) => ({
      ...n,
      id: String(n.id),
      kind: n.kind as NodeKind,
      label: typeof n.label === 'string' && n.label !== '' ? n.label : String(n.id),
      position: n.position ?? { x: (i % 4) * 240, y: Math.floor(i / 4) * 160 },
      params: { ...(n.params ?? {}) },
    })),
    edges: (d.edges ?? []).map((e) => ({
      ...e,
      id: String(e.id),
      source: String(e.source),
      target: String(e.target),
      params: { ...(e.params ?? {}) },
    })),
  };
}
