/**
 * Which of a pipe's outgoing edges is its enrichment and which its target: the enrichment is
 * the function the `enrichment` field names (by id or label), every other edge is a target.
 * Shared by validation (catalog.checkWiring), the learner checks and the runtime, so the three
 * cannot disagree.
 */
export interface PipeEdge {
  target: string;
  targetKind: string;
  targetLabel: string;
}

export interface PipeWiring<E extends PipeEdge> {
  /** The edge to the enrichment function; undefined without one (or when the name fits none). */
  enrichment: E | undefined;
  targets: E[];
}

export function pipeWiring<E extends PipeEdge>(enrichment: string, out: readonly E[]): PipeWiring<E> {
  const named =
    enrichment === ''
      ? undefined
      : (out.find((e) => e.target === enrichment) ?? out.find((e) => e.targetLabel === enrichment));
  const enrich = named?.targetKind === 'function' ? named : undefined;
  return { enrichment: enrich, targets: out.filter((e) => e !== enrich) };
}
