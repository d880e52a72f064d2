import type { ReactNode } from 'react';
import { fmtNumber } from '../../engine/scenario/params';
import type { FieldSpec } from './schema-fields';

export function rangeHint(f: FieldSpec): string | null {
  if (f.type !== 'number') return null;
  if (f.min === undefined && f.max === undefined) return null;
  const lo = f.min === undefined ? '' : fmtNumber(f.min);
  const hi = f.max === undefined ? '' : fmtNumber(f.max);
  return `${lo}–${hi}${f.unit ? ` ${f.unit}` : ''}`;
}

function defaultHint(f: FieldSpec): string | null {
  if (f.defaultValue === undefined || typeof f.defaultValue === 'object')
    return f.optional ? 'optional' : null;
  const v = typeof f.defaultValue === 'number' ? fmtNumber(f.defaultValue) : String(f.defaultValue);
  return `default ${v}${f.unit && f.type === 'number' ? ` ${f.unit}` : ''}`;
}

/**
 * Label, control, unit, the range and default, the help line with its AWS source tag, and the
 * error (text with an icon, not colour alone). The control gets aria-describedby both lines.
 */
export function FieldFrame(props: {
  field: FieldSpec;
  inputId: string;
  error?: string | null;
  isSet: boolean;
  onReset?: () => void;
  children: ReactNode;
}) {
  const { field: f, inputId, error, isSet, onReset } = props;
  const range = rangeHint(f);
  const def = defaultHint(f);
  return (
    <div className={`field${error ? ' field--invalid' : ''}`} data-field={f.path.join('.')}>
      <div className="field__row">
        <label className="field__label" htmlFor={inputId}>
          {f.title}
        </label>
        <div className="field__control">
          {props.children}
          {f.unit && f.type === 'number' ? <span className="field__unit">{f.unit}</span> : null}
        </div>
      </div>
      <p className="field__meta" id={`${inputId}-help`}>
        {[range, def].filter(Boolean).join(' · ')}
        {isSet && onReset && f.defaultValue !== undefined ? (
          <button
            type="button"
            className="link-button"
            onClick={onReset}
            aria-label={`Reset ${f.title} to its default`}
          >
            reset
          </button>
        ) : null}
        {!isSet && f.defaultValue !== undefined ? <span className="field__tag">using default</span> : null}
      </p>
      {f.help ? (
        <p className="field__help">
          {f.help} {f.source ? <span className="field__source">{f.source}</span> : null}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${inputId}-error`} role="alert">
          <span aria-hidden="true">⚠ </span>
          {f.title} {error}
        </p>
      ) : null}
    </div>
  );
}

export function describedBy(inputId: string, error?: string | null) {
  return error ? `${inputId}-help ${inputId}-error` : `${inputId}-help`;
}
