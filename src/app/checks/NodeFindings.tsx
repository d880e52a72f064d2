import { FindingItem } from './FindingItem';
import { useEdgeFindings, useNodeFindings } from './validation';
import './checks.css';

/** The learner findings about the node being inspected, with their fixes. */
export function NodeFindings({ nodeId }: { nodeId: string }) {
  const mine = useNodeFindings(nodeId);
  if (!mine) return null;
  return (
    <section className="checks checks--node" aria-label="Checks on this node">
      <ul className="finding-list">
        {mine.findings.map((f) => (
          <FindingItem key={f.id} finding={f} selectable={f.nodeIds[0] !== nodeId} />
        ))}
      </ul>
    </section>
  );
}

/** The learner findings that name the connection being inspected, with their fixes. */
export function EdgeFindings({ edgeId }: { edgeId: string }) {
  const mine = useEdgeFindings(edgeId);
  if (!mine) return null;
  return (
    <section className="checks checks--node" aria-label="Checks on this connection">
      <ul className="finding-list">
        {mine.findings.map((f) => (
          // The sentence selects the finding's node: the connection is already the one shown.
          <FindingItem key={f.id} finding={f} selectable={f.nodeIds.length > 0} />
        ))}
      </ul>
    </section>
  );
}
