import { ArrowDown, ArrowUp, Plus, X } from 'lucide-react';
import { describedBy } from './FieldFrame';
import type { CommitResult } from './params-edit';
import { pathKey } from './params-edit';
import { RecordCell, newRow, useCellEdits } from './RecordCell';
import './record-cards.css';
import type { FieldSpec } from './schema-fields';

type ListSpec = FieldSpec & { type: 'list' };
type Row = Record<string, unknown>;

/** Whether a field applies to this record (its showIf names sibling values, defaults included). */
function applies(f: FieldSpec, row: Row, fields: readonly FieldSpec[]): boolean {
  if (!f.showIf) return true;
  return Object.entries(f.showIf).every(([k, values]) => {
    const v = row[k] ?? fields.find((x) => x.key === k)?.defaultValue;
    return values.includes(String(v));
  });
}

/**
 * A list of wide records, one card each, in order: the first field names the card, and only
 * the fields that apply to the record's type are shown (a wait step has no retrier). Cards
 * move up and down, since the order is what the list means (a workflow's steps).
 */
export function RecordCards({
  field,
  inputId,
  rows,
  write,
  issues,
}: {
  field: ListSpec;
  inputId: string;
  rows: Row[];
  write(next: Row[]): CommitResult;
  issues: Map<string, string[]>;
}) {
  const cell = useCellEdits(inputId, field.path, issues);
  const [nameField, ...rest] = field.item.fields;
  const noun = nameField?.title.toLowerCase() ?? 'row';
  const move = (i: number, by: number) => {
    const next = [...rows];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    write(next);
  };
  const listErrors = issues.get(pathKey(field.path)) ?? [];
  return (
    <fieldset className="fieldset record-cards" aria-describedby={describedBy(inputId)}>
      <legend className="fieldset__legend">{field.title}</legend>
      {field.help ? (
        <p className="field__help" id={`${inputId}-help`}>
          {field.help} {field.source ? <span className="field__source">{field.source}</span> : null}
        </p>
      ) : null}
      <ol className="record-cards__list">
        {rows.map((row, i) => {
          const renderCell = (c: FieldSpec, label: string) => (
            <RecordCell c={c} rows={rows} i={i} label={label} write={write} {...cell(i, c)} />
          );
          return (
            <li
              key={i}
              className="record-card"
              aria-label={`${nameField.title} ${i + 1}: ${String(row[nameField.key] ?? '')}`}
            >
              <div className="record-card__head">
                <span className="record-card__number">{i + 1}</span>
                <div className="record-card__name">
                  {renderCell(nameField, `${nameField.title} ${i + 1} name`)}
                </div>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${noun} ${i + 1} up`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  <ArrowUp size={16} aria-hidden="true" />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${noun} ${i + 1} down`}
                  disabled={i === rows.length - 1}
                  onClick={() => move(i, 1)}
                >
                  <ArrowDown size={16} aria-hidden="true" />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${noun} ${i + 1}`}
                  onClick={() => write(rows.filter((_, j) => j !== i))}
                >
                  <X size={16} aria-hidden="true" />
                </button>
              </div>
              <div className="record-card__grid">
                {rest
                  .filter((c) => applies(c, row, field.item.fields))
                  .map((c) => (
                    <div key={c.key} className={`record-card__field record-card__field--${c.type}`}>
                      <label htmlFor={cell(i, c).cellId} title={c.help}>
                        {c.title}
                        {c.unit ? <span className="record-card__unit"> ({c.unit})</span> : null}
                      </label>
                      {renderCell(c, `${c.title}, ${noun} ${i + 1}`)}
                    </div>
                  ))}
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button--small"
        onClick={() => write([...rows, newRow(field.item, rows.length)])}
      >
        <Plus size={16} aria-hidden="true" /> Add {noun}
      </button>
      {listErrors.map((m) => (
        <p key={m} className="field__error" role="alert">
          ⚠ {field.title} {m}
        </p>
      ))}
    </fieldset>
  );
}
