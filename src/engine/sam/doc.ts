import type { NodeKind } from '../kinds/types';
import type { EdgeRole } from '../scenario/connections';

/** The scenario file as written (sparse params), which import produces and export reads. */
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
