import type { DocEdge, DocNode } from '../store/scenario-doc';
import { useEditorCommands } from '../shortcuts/commands';

/** Several things selected: say what, and offer what applies to all of them. */
export function SelectionInspector({ nodes, edges }: { nodes: DocNode[]; edges: DocEdge[] }) {
  const cmd = useEditorCommands();
  const parts = [
    nodes.length ? `${nodes.length} node${nodes.length > 1 ? 's' : ''}` : '',
    edges.length ? `${edges.length} connection${edges.length > 1 ? 's' : ''}` : '',
  ].filter(Boolean);
  return (
    <section className="inspector__section">
      <h2 className="inspector__title">{parts.join(' and ')} selected</h2>
      <ul className="plain-list">
        {nodes.map((n) => (
          <li key={n.id}>{n.label}</li>
        ))}
      </ul>
      <div className="button-row">
        {nodes.length ? (
          <button type="button" className="button" onClick={cmd.duplicate}>
            Duplicate
          </button>
        ) : null}
        <button type="button" className="button button--danger" onClick={cmd.deleteSelection}>
          Delete
        </button>
      </div>
    </section>
  );
}
