import { useId, useMemo, useState } from 'react';
import { InfoToggle } from './FieldFrame';
import type { z } from 'zod';
import { describeSchema, objectFields, type FieldSpec } from './schema-fields';
import { getIn, issuesByPath, issuesUnder, pathKey, setIn, tryCommit, type Path } from './params-edit';
import { BooleanField, EnumField, JsonField, NumberField, TextField } from './fields';
import { ListField } from './ListField';
import { applicableFields, visibleFields } from './shape-fields';
import { EventTypeField } from './EventTypeField';
import { DistributionField } from './DistributionField';
import { FIELD_GROUPS, type FieldWords } from '../../engine/kinds/catalog-types';

interface Props {
  schema: z.ZodType;
  /** The sparse params the scenario holds. */
  params: Record<string, unknown>;
  onChange(params: Record<string, unknown>): void;
  /** Shown when the schema has no fields (e.g. an SNS topic). */
  emptyText?: string;
  /** Restrict to these top-level keys (an edge shows only the params its rule lists). */
  only?: readonly string[];
  /** The event types the scenario emits: an edge's filter or pattern is picked from them. */
  eventTypes?: readonly string[];
  /** The params in people's words (a kind catalog's `fields`): titles, groups, choice names. */
  words?: Readonly<Record<string, FieldWords | undefined>>;
  /** What an optional field starts from when switched on (a function's cold start: its runtime's). */
  startValues?: Readonly<Record<string, unknown>>;
}

/** A form generated from a zod schema: one source of truth with validation. */
export function ParamsForm({
  schema,
  params,
  onChange,
  emptyText,
  only,
  eventTypes,
  words,
  startValues,
}: Props) {
  const formId = useId();
  const fields = useMemo(() => {
    const all = describeSchema(schema, words);
    return only ? all.filter((f) => only.includes(f.key)) : all;
  }, [schema, only, words]);
  const issues = useMemo(() => issuesByPath(schema, params), [schema, params]);
  const objects = useMemo(() => objectFields(fields), [fields]);
  const commit = (path: Path, value: unknown) => {
    // Editing inside an absent object that has a default starts from that default, so setting
    // a distribution's mean keeps its shape and p99 instead of falling back to the bare schema.
    let base = params;
    for (let i = 1; i < path.length; i++) {
      const prefix = path.slice(0, i);
      const def = objects.get(pathKey(prefix))?.defaultValue;
      if (getIn(base, prefix) === undefined && def && typeof def === 'object')
        base = setIn(base, prefix, structuredClone(def));
    }
    return tryCommit(schema, base, path, value, onChange);
  };
  const formWide = issues.get('') ?? [];

  if (fields.length === 0) return <p className="muted">{emptyText ?? 'Nothing to set.'}</p>;
  const render = (f: FieldSpec) =>
    eventTypes && (f.key === 'filter' || f.key === 'pattern') && f.type === 'object' ? (
      <EventTypeField
        key={pathKey(f.path)}
        field={f}
        inputId={`${formId}-${f.key}`}
        value={getIn(params, f.path)}
        known={eventTypes}
        issue={issuesUnder(issues, f.path)[0]}
        commit={(v) => commit(f.path, v)}
      />
    ) : (
      <Field
        key={pathKey(f.path)}
        field={f}
        formId={formId}
        params={params}
        issues={issues}
        commit={commit}
        startValue={startValues?.[f.key]}
      />
    );
  // One section per group, in reading order; a form of one group (an edge's) needs no headings.
  const shown = applicableFields(fields, params);
  const groups = FIELD_GROUPS.map((g) => ({
    ...g,
    fields: shown.filter((f) => (f.group ?? 'basics') === g.id),
  })).filter((g) => g.fields.length > 0);
  return (
    <div className="params-form">
      {formWide.map((m) => (
        <p key={m} className="field__error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {m}
        </p>
      ))}
      {groups.length === 1
        ? groups[0].fields.map(render)
        : groups.map((g) =>
            g.id === 'advanced' ? (
              <details key={g.id} className="field-group" data-group={g.id}>
                <summary className="field-group__title">{g.title}</summary>
                {g.fields.map(render)}
              </details>
            ) : (
              <section key={g.id} className="field-group" data-group={g.id} aria-label={g.title}>
                <h3 className="field-group__title">{g.title}</h3>
                {g.fields.map(render)}
              </section>
            ),
          )}
    </div>
  );
}

interface FieldNodeProps {
  field: FieldSpec;
  formId: string;
  params: Record<string, unknown>;
  issues: Map<string, string[]>;
  commit(path: Path, value: unknown): ReturnType<typeof tryCommit>;
  startValue?: unknown;
}

function Field({ field, formId, params, issues, commit, startValue }: FieldNodeProps) {
  const inputId = `${formId}-${pathKey(field.path).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const value = getIn(params, field.path);
  const issue = issues.get(pathKey(field.path))?.[0];
  const common = { inputId, value, issue, commit: (v: unknown) => commit(field.path, v) };
  switch (field.type) {
    case 'number':
      return <NumberField field={field} {...common} />;
    case 'enum':
      return <EnumField field={field} {...common} />;
    case 'boolean':
      return <BooleanField field={field} {...common} />;
    case 'string':
      return <TextField field={field} {...common} />;
    case 'list':
      return <ListField field={field} {...common} issues={issues} />;
    case 'json':
      return <JsonField field={field} {...common} issue={issuesUnder(issues, field.path)[0]} />;
    case 'object':
      return <ObjectField field={field} formId={formId} params={params} issues={issues} commit={commit} />;
    case 'distribution':
      return (
        <DistributionField
          field={field}
          params={params}
          issues={issues}
          commit={commit}
          startValue={startValue}
        />
      );
  }
}

/** Starting values for an object switched on: each field's default, or its minimum. */
function initialObject(field: FieldSpec & { type: 'object' }): Record<string, unknown> {
  let obj: Record<string, unknown> = {};
  for (const f of field.fields) {
    if (f.defaultValue !== undefined || f.optional) continue;
    if (f.type === 'number') obj = setIn(obj, [f.key], f.min ?? 0);
    else if (f.type === 'enum') obj = setIn(obj, [f.key], f.options[0]);
  }
  return obj;
}

function ObjectField({
  field,
  formId,
  params,
  issues,
  commit,
}: FieldNodeProps & { field: FieldSpec & { type: 'object' } }) {
  const value = getIn(params, field.path);
  const toggleId = `${formId}-${pathKey(field.path)}-on`;
  const [open, setOpen] = useState(false);
  const on = !field.optional || value !== undefined;
  return (
    <fieldset className="fieldset" data-field={pathKey(field.path)}>
      <legend className="fieldset__legend">
        {field.title}
        {field.help ? (
          <InfoToggle title={field.title} aboutId={`${toggleId}-about`} open={open} setOpen={setOpen} />
        ) : null}
      </legend>
      {field.help ? (
        <p className="field__help" id={`${toggleId}-about`} hidden={!open}>
          {field.help} {field.source ? <span className="field__source">{field.source}</span> : null}
        </p>
      ) : null}
      {field.optional ? (
        <label className="toggle" htmlFor={toggleId}>
          <input
            id={toggleId}
            type="checkbox"
            checked={on}
            onChange={(e) => commit(field.path, e.target.checked ? initialObject(field) : undefined)}
          />{' '}
          Set {field.title.toLowerCase()} (otherwise the default applies)
        </label>
      ) : null}
      {on
        ? visibleFields(field.fields, value ?? field.defaultValue).map((f) => (
            <Field
              key={pathKey(f.path)}
              field={f}
              formId={formId}
              params={params}
              issues={issues}
              commit={commit}
            />
          ))
        : null}
    </fieldset>
  );
}
