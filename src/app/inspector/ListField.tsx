import { Plus, X } from 'lucide-react';
import { describedBy } from './FieldFrame';
import { RecordCards } from './RecordCards';
import { RecordCell, newRow, useCellEdits } from './RecordCell';
import type { FieldProps } from './fields';
import { pathKey } from './params-edit';
import type { FieldSpec } from './schema-fields';

type ListSpec = FieldSpec & { type: 'list' };

/** More columns than this and the list is drawn as cards. */
const MAX_TABLE_COLUMNS = 5;

/**
 * Rows of small records (event types with weights, a monolith's components): a compact
 * table. Every cell edit writes the whole list through the schema, like any other field.
 */
export function ListField({
  field,
  inputId,
  value,
  commit,
  issues,
}: FieldProps<ListSpec> & { issues: Map<string, string[]> }) {
  const rows = (
    Array.isArray(value) ? value : Array.isArray(field.defaultValue) ? field.defaultValue : []
  ) as Record<string, unknown>[];
  const listErrors = issues.get(pathKey(field.path)) ?? [];
  const cell = useCellEdits(inputId, field.path, issues);
  const write = (next: Record<string, unknown>[]) => commit(next);
  // Wide records (a workflow's steps) read better as one card per record than as a table.
  if (field.item.fields.length > MAX_TABLE_COLUMNS)
    return <RecordCards field={field} inputId={inputId} rows={rows} write={write} issues={issues} />;
  return (
    <fieldset className="fieldset" aria-describedby={describedBy(inputId)}>
      <legend className="fieldset__legend">{field.title}</legend>
      {field.help ? (
        <p className="field__help" id={`${inputId}-help`}>
          {field.help} {field.source ? <span className="field__source">{field.source}</span> : null}
        </p>
      ) : null}
      <table className="list-table">
        <thead>
          <tr>
            {field.item.fields.map((c) => (
              <th key={c.key} scope="col">
                {c.title}
                {c.unit ? ` (${c.unit})` : ''}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((_row, i) => (
            <tr key={i}>
              {field.item.fields.map((c) => (
                <td key={c.key}>
                  <RecordCell
                    c={c}
                    rows={rows}
                    i={i}
                    label={`${c.title}, row ${i + 1}`}
                    write={write}
                    {...cell(i, c)}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove row ${i + 1} of ${field.title}`}
                  onClick={() => write(rows.filter((_, j) => j !== i))}
                >
                  <X size={16} aria-hidden="true" />
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="button button--small"
        onClick={() => write([...rows, newRow(field.item, rows.length)])}
      >
        <Plus size={16} aria-hidden="true" /> Add {field.item.fields[0]?.title.toLowerCase() ?? 'row'}
      </button>
      {listErrors.map((m) => (
        <p key={m} className="field__error" role="alert">
          ⚠ {field.title} {m}
        </p>
      ))}
    </fieldset>
  );
}
