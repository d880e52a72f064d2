import type { NodeKind } from '../kinds/vocabulary';
import type { EdgeRole } from '../scenario/connections';
import type { Scenario, ScenarioEdge, ScenarioNode } from '../scenario/schema';

/**
 * A learner check's answer: one mistake in the diagram, said in the diagram's own words
 * (nodes by label), with the AWS fact behind it and, where only one change can mend it, that
 * change as data. Errors block a run (the real service would refuse the set-up); warnings
 * do not (AWS accepts it, but it will not do what the person probably means).
 */
export type Severity = 'error' | 'warning';

export interface FindingSource {
  /** Facts-file tags, e.g. "[L-SQS23]" or "[L-ASYNC] [SQS-DLQ]". */
  tag: string;
  /** The AWS page the facts file gives for the first tag that has one. */
  url?: string;
}

export interface Finding {
  /** Stable for one problem in one diagram: check name and the ids involved. */
  id: string;
  /** The check that found it (its module's name). */
  check: string;
  severity: Severity;
  /** A plain sentence naming nodes by label. */
  message: string;
  nodeIds: string[];
  edgeIds?: string[];
  /** The AWS fact behind it; absent where the finding is about the diagram itself (nothing reaches a node). */
  source?: FindingSource;
  fix?: Fix;
}

/**
 * A one-click repair as a pure description of the change; applyFix (apply-fix.ts) makes it
 * on a document, and the app makes it through the editor's normal undoable edit.
 * `label` is the button's words ("Set visibility timeout to 60 s").
 */
export type Fix =
  | { type: 'setNodeParam'; label: string; nodeId: string; param: string; value: unknown }
  | { type: 'setEdgeParam'; label: string; edgeId: string; param: string; value: unknown }
  | { type: 'rewireEdge'; label: string; edgeId: string; source: string; target: string; role: EdgeRole }
  | {
      type: 'addNode';
      label: string;
      node: { kind: NodeKind; label: string; params: Record<string, unknown> };
      /** Placed beside this node, on the side the edge comes from or goes to (or below it). */
      near: string;
      below?: boolean;
      /** The new node's edge: from the new node to `other`, or from `other` to it. */
      edge: { direction: 'to' | 'from'; other: string; role: EdgeRole };
    };

/** What every check reads: the validated scenario and a few indexes built once. */
export interface CheckContext {
  scenario: Scenario;
  node(id: string): ScenarioNode;
  /** The node's label in quotes-free form: its label, or its id when it has none. */
  label(id: string): string;
  incoming(id: string): readonly ScenarioEdge[];
  outgoing(id: string): readonly ScenarioEdge[];
}

export interface Check {
  name: string;
  run(ctx: CheckContext): Finding[];
}
