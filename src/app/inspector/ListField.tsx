import { useState } from 'react';
import { Plus, X } from 'lucide-react';
import { describedBy } from './FieldFrame';
import type { FieldProps } from './fields';
import { issuesUnder, pathKey } from './params-edit';
import type { FieldSpec } from './schema-fields';

type ListSpec = FieldSpec & { type: 'list' };

/** A new row: each column's default, or the first allowed value. */
function newRow(item: ListSpec['item'], index: number): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const f of item.fields) {
    if (f.defaultValue !== undefined) row[f.key] = f.defaultValue;
    else if (f.type === 'string') row[f.key] = `${f.title} ${index + 1}`;
    else if (f.type === 'number') row[f.key] = f.min ?? 0;
    else if (f.type === 'enum') row[f.key] = f.options[0];
    else if (f.type === 'boolean') row[f.key] = false;
  }
  return row;
}

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
  // Refused cell edits are not written; their message stays on the cell until fixed.
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const write = (next: Record<string, unknown>[]) => commit(next);
  const cellText = (v: unknown) => (v === undefined ? '' : String(v));
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
          {rows.map((row, i) => (
            <tr key={i}>
              {field.item.fields.map((c) => {
                const cellId = `${inputId}-${i}-${c.key}`;
                const err = cellErrors[cellId] ?? issuesUnder(issues, [...field.path, i, c.key])[0];
                const label = `${c.title}, row ${i + 1}`;
                return (
                  <td key={c.key}>
                    {c.type === 'enum' ? (
                      <select
                        id={cellId}
                        className="input"
                        aria-label={label}
                        value={cellText(row[c.key])}
                        onChange={(e) =>
                          write(rows.map((r, j) => (j === i ? { ...r, [c.key]: e.target.value } : r)))
                        }
                      >
                        {c.options.map((o) => (
                          <option key={o}>{o}</option>
                        ))}
                      </select>
                    ) : c.type === 'boolean' ? (
                      <input
                        id={cellId}
                        type="checkbox"
                        aria-label={label}
                        checked={Boolean(row[c.key])}
                        onChange={(e) =>
                          write(rows.map((r, j) => (j === i ? { ...r, [c.key]: e.target.checked } : r)))
                        }
                      />
                    ) : (
                      <input
                        id={cellId}
                        className="input"
                        aria-label={label}
                        aria-invalid={err ? true : undefined}
                        inputMode={c.type === 'number' ? 'decimal' : undefined}
                        defaultValue={cellText(row[c.key])}
                        key={cellText(row[c.key])}
                        onBlur={(e) => {
                          const t = e.target.value.trim();
                          const v =
                            c.type === 'number' && t !== '' && !Number.isNaN(Number(t)) ? Number(t) : t;
                          if (v === row[c.key] && !cellErrors[cellId]) return;
                          const r = write(rows.map((r0, j) => (j === i ? { ...r0, [c.key]: v } : r0)));
                          setCellErrors(({ [cellId]: _old, ...rest }) =>
                            r.ok ? rest : { ...rest, [cellId]: r.message },
                          );
                        }}
                      />
                    )}
                    {err ? (
                      <span className="field__error field__error--cell" role="alert">
                        ⚠ {err}
                      </span>
                    ) : null}
                  </td>
                );
              })}
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
