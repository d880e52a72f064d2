import type { NodeKind } from '../kinds/vocabulary';
import type { EdgeRole } from './connections';

/**
 * The scenario document as written and edited: the v1 file format (docs: scenario-format.md),
 * sparse — params keep only what the person set, defaults come from the kinds' schemas. It is
 * what the editor holds, autosave, export and share links write, validateScenario reads and
 * the SAM importer produces.
 */
export interface DocNode {
  id: string;
  kind: NodeKind;
  label: string;
  position: { x: number; y: number };
  params: Record<string, unknown>;
}

export interface DocEdge {
  id: string;
  source: string;
  target: string;
  role?: EdgeRole;
  params: Record<string, unknown>;
}

export interface ScenarioDoc {
  format: 'serverless-sim.scenario';
  version: 1;
  name: string;
  notes?: string;
  settings: Record<string, unknown>;
  lesson?: unknown;
  nodes: DocNode[];
  edges: DocEdge[];
}
