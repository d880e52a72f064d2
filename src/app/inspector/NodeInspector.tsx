import { useState } from 'react';
import { KINDS } from '../../engine/kinds/registry';
import { nodeFields } from '../../engine/scenario/schema';
import { functionParams } from '../../engine/kinds/function/schema';
import { defaultColdStart } from '../../engine/kinds/function/cold-starts';
import { KindIcon } from '../canvas/kind-icons';
import { useScenarioStore } from '../store/scenario';
import type { DocNode } from '../store/scenario-doc';
import { ConnectTo, NodeConnections } from './ConnectTo';
import { ParamsForm } from './ParamsForm';
import { emittedEventTypes } from './EventTypeField';
import { TuneMemoryButton } from '../tuning/TuningRoot';
import { NodeFindings } from '../checks/NodeFindings';

export function NodeInspector({ node }: { node: DocNode }) {
  const kind = KINDS[node.kind];
  const setParams = useScenarioStore((s) => s.setParams);
  const nodes = useScenarioStore((s) => s.doc.nodes);
  if (!kind) {
    return (
      <section className="inspector__section">
        <h2 className="inspector__title">{node.label}</h2>
        <p className="field__error" role="alert">
          ⚠ Unknown kind “{node.kind}”: this node cannot be edited or run.
        </p>
      </section>
    );
  }
  return (
    <section className="inspector__section" aria-labelledby="inspector-node-title">
      <header className="inspector__header">
        <KindIcon kind={node.kind} size={28} />
        <div>
          <h2 className="inspector__title" id="inspector-node-title">
            {kind.title}
          </h2>
          <p className="inspector__sub">
            id <code>{node.id}</code>
          </p>
        </div>
      </header>
      <p className="inspector__desc">{kind.description}</p>
      <NodeFindings nodeId={node.id} />
      {node.kind === 'function' ? <TuneMemoryButton nodeId={node.id} /> : null}
      <LabelField node={node} />
      <ConnectTo node={node} />
      <NodeConnections node={node} />
      <ParamsForm
        schema={kind.params}
        params={node.params}
        onChange={(p) => setParams(node.id, p)}
        emptyText="This kind has no parameters: its behaviour comes from its connections."
        words={kind.fields}
        eventTypes={emittedEventTypes(nodes)}
        startValues={node.kind === 'function' ? functionStarts(node.params) : undefined}
      />
    </section>
  );
}

/** A function's cold start, when the person sets it, starts from what the model uses for its runtime. */
function functionStarts(params: Record<string, unknown>): Record<string, unknown> | undefined {
  const p = functionParams.safeParse(params);
  return p.success
    ? { coldStart: defaultColdStart(p.data.runtime, p.data.memoryMB, p.data.architecture) }
    : undefined;
}

/** The node's label: plain text, checked by the scenario schema's own label rule. */
function LabelField({ node }: { node: DocNode }) {
  const setLabel = useScenarioStore((s) => s.setLabel);
  const [draft, setDraft] = useState<{ text: string; base: string; error: string | null } | null>(null);
  const live = draft && draft.base === node.label ? draft : null;
  const error = live?.error ?? null;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <div className="field__row">
        <label className="field__label" htmlFor="inspector-node-label">
          Label
        </label>
        <div className="field__control">
          <input
            id="inspector-node-label"
            className="input"
            value={live ? live.text : node.label}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'inspector-node-label-error' : undefined}
            onChange={(e) => {
              const text = e.target.value;
              const r = nodeFields.label.safeParse(text);
              const message =
                text.trim() === '' ? 'must not be empty' : r.success ? null : r.error.issues[0].message;
              if (!message) setLabel(node.id, text);
              setDraft({ text, base: message ? node.label : text, error: message });
            }}
          />
        </div>
      </div>
      {error ? (
        <p className="field__error" id="inspector-node-label-error" role="alert">
          <span aria-hidden="true">⚠ </span>Label {error}
        </p>
      ) : null}
    </div>
  );
}
