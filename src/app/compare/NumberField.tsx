import { useState } from 'react';

/** A number input that keeps what is typed and reports only values inside its range. */
export function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  step,
  unit,
  disabled,
}: {
  label: string;
  value: number;
  onChange(v: number): void;
  min?: number;
  max?: number;
  step?: number | 'any';
  unit?: string;
  disabled?: boolean;
}) {
  const [text, setText] = useState(String(value));
  const [prev, setPrev] = useState(value);
  if (prev !== value) {
    // The store changed the value (a new parameter's range): show it.
    setPrev(value);
    setText(String(value));
  }
  const n = Number(text);
  const inRange = (v: number) => (min === undefined || v >= min) && (max === undefined || v <= max);
  const invalid = text.trim() === '' || !Number.isFinite(n) || !inRange(n);
  return (
    <label className="compare-field">
      <span>
        {label}
        {unit ? <span className="compare-unit"> ({unit})</span> : null}
      </span>
      <input
        className="input input--number"
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step ?? 'any'}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(v) && inRange(v)) {
            setPrev(v);
            onChange(v);
          }
        }}
      />
    </label>
  );
}
