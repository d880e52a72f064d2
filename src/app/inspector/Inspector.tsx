import { PanelRightClose, PanelRightOpen } from 'lucide-react';
import { usePanels } from '../layout/panels';
import { useScenarioStore } from '../store/scenario';
import { useSelectionStore } from '../store/scenario-selection';
import { EdgeInspector } from './EdgeInspector';
import { NodeInspector } from './NodeInspector';
import { ScenarioInspector } from './ScenarioInspector';
import { SelectionInspector } from './SelectionInspector';

/** Right-hand panel: what is selected, or the scenario itself when nothing is. It folds to a rail. */
export function Inspector() {
  const open = usePanels((s) => s.inspectorOpen);
  const setOpen = usePanels((s) => s.setInspectorOpen);
  const nodeIds = useSelectionStore((s) => s.nodeIds);
  const edgeIds = useSelectionStore((s) => s.edgeIds);
  const doc = useScenarioStore((s) => s.doc);
  if (!open)
    return (
      <aside className="inspector inspector--folded" aria-label="Inspector (folded)">
        <button
          type="button"
          className="icon-button"
          aria-label="Show the inspector"
          title="Show the inspector"
          aria-expanded="false"
          aria-controls="inspector-panel"
          onClick={() => setOpen(true)}
        >
          <PanelRightOpen size={20} aria-hidden="true" />
        </button>
      </aside>
    );
  const nodes = doc.nodes.filter((n) => nodeIds.includes(n.id));
  const edges = doc.edges.filter((e) => edgeIds.includes(e.id));

  let body;
  if (nodes.length === 1 && edges.length === 0) body = <NodeInspector key={nodes[0].id} node={nodes[0]} />;
  else if (edges.length === 1 && nodes.length === 0)
    body = <EdgeInspector key={edges[0].id} edge={edges[0]} />;
  else if (nodes.length + edges.length > 1) body = <SelectionInspector nodes={nodes} edges={edges} />;
  else body = <ScenarioInspector />;
  return (
    <aside className="inspector" aria-label="Inspector">
      <button
        type="button"
        className="icon-button icon-button--small inspector__fold"
        aria-label="Hide the inspector"
        title="Hide the inspector"
        aria-expanded="true"
        aria-controls="inspector-panel"
        onClick={() => setOpen(false)}
      >
        <PanelRightClose size={18} aria-hidden="true" />
      </button>
      {body}
    </aside>
  );
}
