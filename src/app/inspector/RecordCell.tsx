import { useState } from 'react';
import type { CommitResult } from './params-edit';
import { issuesUnder } from './params-edit';
import type { FieldSpec } from './schema-fields';
import { pressed } from '../shortcuts/keymap';

type Row = Record<string, unknown>;

export interface RecordCellProps {
  /** The column (a primitive field of the record). */
  c: FieldSpec;
  rows: Row[];
  /** Which row this cell edits. */
  i: number;
  cellId: string;
  /** Accessible name, e.g. "Weight, row 2". */
  label: string;
  /** The message to show on the cell (a refused edit, or the schema's issue). */
  error?: string;
  write(next: Row[]): CommitResult;
  /** A refused typed value keeps its message on the cell until fixed; ok clears it. */
  onTyped(result: CommitResult): void;
}

/** A new row: each column's default, or the first allowed value. */
export function newRow(item: FieldSpec & { type: 'object' }, index: number): Record<string, unknown> {
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

const cellText = (v: unknown) => (v === undefined ? '' : String(v));

/**
 * Per-cell state of a list field: a refused typed value keeps its message on its cell until
 * fixed; otherwise the cell shows the schema's issue at its path. Returns each cell's id,
 * message and the handler RecordCell reports a typed value's result to.
 */
export function useCellEdits(
  inputId: string,
  path: readonly (string | number)[],
  issues: Map<string, string[]>,
) {
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  return (i: number, c: FieldSpec) => {
    const cellId = `${inputId}-${i}-${c.key}`;
    return {
      cellId,
      error: cellErrors[cellId] ?? issuesUnder(issues, [...path, i, c.key])[0],
      onTyped: (r: CommitResult) =>
        setCellErrors(({ [cellId]: _old, ...rest }) => (r.ok ? rest : { ...rest, [cellId]: r.message })),
    };
  };
}

/**
 * One value of one record in a list field: a select, a checkbox or a text input that writes
 * the whole list through the schema when it loses focus. Shared by the table (small records)
 * and the cards (wide records such as a workflow's steps).
 */
export function RecordCell(props: RecordCellProps) {
  return (
    <>
      <CellControl {...props} />
      {props.error ? (
        <span className="field__error field__error--cell" role="alert">
          ⚠ {props.error}
        </span>
      ) : null}
    </>
  );
}

function CellControl({ c, rows, i, cellId, label, error, write, onTyped }: RecordCellProps) {
  const row = rows[i];
  const set = (v: unknown) => write(rows.map((r, j) => (j === i ? { ...r, [c.key]: v } : r)));
  if (c.type === 'enum')
    return (
      <select
        id={cellId}
        className="input"
        aria-label={label}
        value={cellText(row[c.key])}
        onChange={(e) => set(e.target.value)}
      >
        {c.options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  if (c.type === 'boolean')
    return (
      <input
        id={cellId}
        type="checkbox"
        aria-label={label}
        checked={Boolean(row[c.key])}
        onChange={(e) => set(e.target.checked)}
      />
    );
  return (
    <input
      id={cellId}
      className="input"
      aria-label={label}
      aria-invalid={error ? true : undefined}
      inputMode={c.type === 'number' ? 'decimal' : undefined}
      placeholder={c.defaultValue === undefined || c.defaultValue === '' ? undefined : String(c.defaultValue)}
      defaultValue={cellText(row[c.key])}
      key={cellText(row[c.key])}
      onBlur={(e) => {
        const t = e.target.value.trim();
        const v = c.type === 'number' && t !== '' && !Number.isNaN(Number(t)) ? Number(t) : t;
        if (v === row[c.key] && !error) return;
        onTyped(set(v));
      }}
      onKeyDown={(e) => {
        if (pressed('fieldKeep', e)) e.currentTarget.blur();
      }}
    />
  );
}
