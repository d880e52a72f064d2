import { useState, type ReactNode } from 'react';
import { Info, RotateCcw } from 'lucide-react';
import type { FieldSpec } from './schema-fields';
import { defaultHint, rangeHint, shownUnit } from './field-words';

export { rangeHint } from './field-words';

/**
 * One row: the title, the control with its unit, a reset button when the value is set, and
 * an info toggle. Behind the toggle: the help with its AWS source tag, the range and the
 * default (read by screen readers as the control's description whether open or not). Below:
 * the error, in words and with an icon, not colour alone.
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
  const [open, setOpen] = useState(false);
  const range = rangeHint(f);
  const def = defaultHint(f);
  const unit = shownUnit(f);
  const canReset = isSet && !!onReset && f.defaultValue !== undefined;
  return (
    <div
      className={`field${error ? ' field--invalid' : ''}${isSet ? '' : ' field--default'}`}
      data-field={f.path.join('.')}
    >
      <div className="field__row">
        <div className="field__head">
          <label className="field__label" htmlFor={inputId}>
            {f.title}
          </label>
          <span className="field__tools">
            <InfoToggle title={f.title} aboutId={`${inputId}-help`} open={open} setOpen={setOpen} />
            {canReset ? (
              <button
                type="button"
                className="icon-button field__reset"
                onClick={onReset}
                aria-label={`Reset ${f.title} to its default`}
                title={`Reset to the default${def ? ` (${def.replace(/^default /, '')})` : ''}`}
              >
                <RotateCcw size={14} aria-hidden="true" />
              </button>
            ) : null}
          </span>
        </div>
        <div className="field__control">
          {props.children}
          {unit && f.type === 'number' ? <span className="field__unit">{unit}</span> : null}
        </div>
      </div>
      <div className="field__about" id={`${inputId}-help`} hidden={!open}>
        {f.help ? (
          <p className="field__help">
            {f.help} {f.source ? <span className="field__source">{f.source}</span> : null}
          </p>
        ) : null}
        <p className="field__meta">
          {[range, def].filter(Boolean).join(' · ')}
          {!isSet && f.defaultValue !== undefined ? (
            <span className="field__tag"> · using default</span>
          ) : null}
        </p>
      </div>
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

/** The ⓘ button that shows or hides a field's help. */
export function InfoToggle(props: {
  title: string;
  aboutId: string;
  open: boolean;
  setOpen: (f: (o: boolean) => boolean) => void;
}) {
  return (
    <button
      type="button"
      className="icon-button field__info"
      aria-label={`About ${props.title}`}
      aria-expanded={props.open}
      aria-controls={props.aboutId}
      title={props.open ? 'Hide the help' : 'What this means'}
      onClick={() => props.setOpen((o) => !o)}
    >
      <Info size={14} aria-hidden="true" />
    </button>
  );
}
