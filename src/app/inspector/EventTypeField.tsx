import type { FieldSpec } from './schema-fields';
import type { CommitResult } from './params-edit';

/**
 * An edge's filter (SNS subscription, ALB listener rule) or pattern (EventBridge rule) as a
 * multi-select of the event types the scenario's producers and schedules emit: ticking none
 * means no filter, so every event passes. A type the edge names that nothing emits any more
 * stays listed, marked, so it can be unticked.
 */
export function EventTypeField({
  field,
  inputId,
  value,
  known,
  issue,
  commit,
}: {
  field: FieldSpec;
  inputId: string;
  value: unknown;
  known: readonly string[];
  issue?: string;
  commit(value: unknown): CommitResult;
}) {
  const chosen = readTypes(value);
  const all = [...known, ...chosen.filter((t) => !known.includes(t))];
  const set = (next: string[]) => commit(next.length === 0 ? undefined : { type: next });
  const helpId = `${inputId}-help`;
  return (
    <fieldset className="fieldset event-types" data-field={field.path.join('.')} aria-describedby={helpId}>
      <legend className="fieldset__legend">{field.title}</legend>
      <p className="field__help" id={helpId}>
        {chosen.length === 0
          ? 'All events pass (no filter). Tick event types to pass only those.'
          : `Only ${chosen.join(', ')} pass${chosen.length === 1 ? 'es' : ''}.`}{' '}
        {field.help ? <span>{field.help}</span> : null}{' '}
        {field.source ? <span className="field__source">{field.source}</span> : null}
      </p>
      {all.length === 0 ? (
        <p className="muted">
          No producer in the scenario names event types yet (a producer’s “Event types” list).
        </p>
      ) : (
        <ul className="event-types__list">
          {all.map((t, i) => {
            const id = `${inputId}-t${i}`;
            const stray = !known.includes(t);
            return (
              <li key={t}>
                <input
                  id={id}
                  type="checkbox"
                  checked={chosen.includes(t)}
                  onChange={(e) => set(e.target.checked ? [...chosen, t] : chosen.filter((x) => x !== t))}
                />
                <label htmlFor={id}>
                  {t}
                  {stray ? <span className="field__tag"> not emitted by any node</span> : null}
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {chosen.length > 0 ? (
        <button type="button" className="link-button" onClick={() => set([])}>
          Clear: let every event pass
        </button>
      ) : null}
      {issue ? (
        <p className="field__error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {field.title} {issue}
        </p>
      ) : null}
    </fieldset>
  );
}

function readTypes(value: unknown): string[] {
  const t = value && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
}

/** Every event type some node of the scenario emits, in first-seen order. */
export function emittedEventTypes(nodes: readonly { params: Record<string, unknown> }[]): string[] {
  const out: string[] = [];
  const add = (t: unknown) => {
    if (typeof t === 'string' && t && !out.includes(t)) out.push(t);
  };
  for (const n of nodes) {
    const types = n.params.eventTypes;
    if (Array.isArray(types)) for (const t of types) add((t as { name?: unknown })?.name);
    add(n.params.eventType);
  }
  return out;
}
