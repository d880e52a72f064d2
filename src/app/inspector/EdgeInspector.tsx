import { useMemo } from 'react';
import { KINDS } from '../../engine/kinds/registry';
import { allowedRoles, findRule, kindName, type EdgeRole } from '../../engine/scenario/connections';
import { EDGE_FIELD_WORDS, edgeParamsSchema } from '../../engine/scenario/edge-params';
import { useScenarioStore } from '../store/scenario';
import type { DocEdge } from '../store/scenario-doc';
import { ParamsForm } from './ParamsForm';
import { emittedEventTypes } from './EventTypeField';
import { ROLE_TEXT } from '../canvas/edge-style';
import { EdgeFindings } from '../checks/NodeFindings';

export function EdgeInspector({ edge }: { edge: DocEdge }) {
  const nodes = useScenarioStore((s) => s.doc.nodes);
  const setEdgeRole = useScenarioStore((s) => s.setEdgeRole);
  const setEdgeParams = useScenarioStore((s) => s.setEdgeParams);
  const source = nodes.find((n) => n.id === edge.source);
  const target = nodes.find((n) => n.id === edge.target);
  const role: EdgeRole = edge.role ?? 'invoke';
  const rule = source && target ? findRule(source.kind, target.kind, role) : undefined;
  const sourceParams = useMemo(() => {
    if (!source || !KINDS[source.kind]) return undefined;
    const r = KINDS[source.kind].params.safeParse(source.params);
    return r.success ? (r.data as Record<string, unknown>) : undefined;
  }, [source]);
  const schema = useMemo(
    () =>
      rule && source && target
        ? edgeParamsSchema({ rule, source: source.kind, target: target.kind, sourceParams })
        : undefined,
    [rule, source, target, sourceParams],
  );
  if (!source || !target) {
    return (
      <section className="inspector__section">
        <h2 className="inspector__title">Connection</h2>
        <p className="field__error" role="alert">
          ⚠ This edge points at a node that is not on the canvas ({!source ? edge.source : edge.target}).
        </p>
      </section>
    );
  }
  const roles = allowedRoles(source.kind, target.kind);
  const eventTypes = emittedEventTypes(nodes);
  return (
    <section className="inspector__section" aria-labelledby="inspector-edge-title">
      <h2 className="inspector__title" id="inspector-edge-title">
        {source.label} → {target.label}
      </h2>
      <p className="inspector__sub">
        {kindName(source.kind)} → {kindName(target.kind)} · id <code>{edge.id}</code>
      </p>
      {rule ? <p className="inspector__desc">{rule.help}</p> : null}
      <EdgeFindings edgeId={edge.id} />
      <div className="field">
        <div className="field__row">
          <label className="field__label" htmlFor="inspector-edge-role">
            Role
          </label>
          <div className="field__control">
            <select
              id="inspector-edge-role"
              className="input"
              value={role}
              onChange={(e) => setEdgeRole(edge.id, e.target.value as EdgeRole)}
            >
              {[...new Set([role, ...roles])].map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="field__help">
          {ROLE_TEXT[role]}
          {roles.length > 1 ? ` · possible here: ${roles.join(', ')}` : ''}
        </p>
      </div>
      {!rule ? (
        <p className="field__error" role="alert">
          ⚠ {kindName(source.kind)} cannot connect to {kindName(target.kind)} as “{role}”. Choose another
          role.
        </p>
      ) : schema ? (
        <ParamsForm
          schema={schema}
          params={edge.params}
          onChange={(p) => setEdgeParams(edge.id, p)}
          emptyText="This connection has no parameters."
          eventTypes={eventTypes}
          words={EDGE_FIELD_WORDS}
        />
      ) : null}
    </section>
  );
}
