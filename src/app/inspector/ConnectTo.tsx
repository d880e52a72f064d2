import { useId, useState } from 'react';
import { kindName } from '../../engine/scenario/connections';
import { useNotices } from '../canvas/notices';
import { connectionRefusal, defaultRole, useScenarioStore } from '../store/scenario';
import type { DocNode, ScenarioDoc } from '../store/scenario-doc';
import { useSelectionStore } from '../store/scenario-selection';
import { pressed } from '../shortcuts/keymap';

/** The id of the "Connect to…" chooser: the C shortcut focuses it. */
export const CONNECT_TO_ID = 'inspector-connect-to';

/** The nodes this one may hand work to, as the connection table allows (and not already joined). */
export function connectTargets(doc: ScenarioDoc, source: string): DocNode[] {
  return doc.nodes.filter(
    (n) => connectionRefusal(doc, source, n.id, defaultRole(doc, source, n.id)) === null,
  );
}

/**
 * Connects the selected node to another without a mouse: a list of only the targets the
 * connection table allows, by label; choosing one draws the connection and says so.
 */
export function ConnectTo({ node }: { node: DocNode }) {
  const doc = useScenarioStore((s) => s.doc);
  const [pick, setPick] = useState('');
  const hint = useId();
  const targets = connectTargets(doc, node.id);
  const connect = (target: string) => {
    const store = useScenarioStore.getState();
    const to = store.doc.nodes.find((n) => n.id === target);
    const r = store.connect(node.id, target, defaultRole(store.doc, node.id, target));
    setPick('');
    if (r.ok) useNotices.getState().show(`Connected ${node.label} → ${to?.label ?? target}.`);
    else useNotices.getState().show(r.reason, 'refused');
  };
  return (
    <div className="field connect-to">
      <div className="field__row">
        <label className="field__label" htmlFor={CONNECT_TO_ID}>
          Connect to…
        </label>
        <div className="field__control">
          <select
            id={CONNECT_TO_ID}
            className="input"
            value={pick}
            disabled={targets.length === 0}
            aria-describedby={hint}
            aria-keyshortcuts="C"
            onChange={(e) => setPick(e.target.value)}
            onKeyDown={(e) => {
              if (pressed('connectPick', e) && pick) {
                e.preventDefault();
                connect(pick);
              }
            }}
          >
            <option value="">{targets.length ? 'Choose a target' : 'No node can take work from here'}</option>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label} ({kindName(t.kind)})
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button--small" disabled={!pick} onClick={() => connect(pick)}>
          Connect
        </button>
      </div>
      <p className="field__help" id={hint}>
        Only what AWS allows from {node.label} is listed. Shortcut: <kbd>C</kbd> with the node selected.
      </p>
    </div>
  );
}

/** The node's connections, each a button that selects it: how a keyboard reaches an edge. */
export function NodeConnections({ node }: { node: DocNode }) {
  const doc = useScenarioStore((s) => s.doc);
  const label = (id: string) => doc.nodes.find((n) => n.id === id)?.label ?? id;
  const edges = doc.edges.filter((e) => e.source === node.id || e.target === node.id);
  if (edges.length === 0) return null;
  return (
    <div className="field">
      <h3 className="inspector__h3">Connections</h3>
      <ul className="plain-list node-connections">
        {edges.map((e) => (
          <li key={e.id}>
            <button
              type="button"
              className="link-button"
              onClick={() => useSelectionStore.getState().select([], [e.id])}
            >
              {label(e.source)} → {label(e.target)}
              {e.role && e.role !== 'invoke' ? ` (${e.role})` : ''}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
