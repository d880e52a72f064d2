import type { FieldSpec } from './schema-fields';

/**
 * A producer's traffic has one field set per shape: a spike has a start and a length, a
 * diurnal curve a period, a trace its points. The form shows only the fields the chosen
 * shape uses, named for what they mean in that shape (the trough of a diurnal curve, the
 * baseline of a spike); the other values stay in the scenario, unused, until the shape
 * changes back.
 */
const RATE = ['shape', 'ratePerSecond'];
const BY_SHAPE: Record<string, { keys: string[]; titles?: Record<string, string> }> = {
  constant: { keys: RATE, titles: { ratePerSecond: 'Rate' } },
  poisson: { keys: RATE, titles: { ratePerSecond: 'Mean rate' } },
  diurnal: {
    keys: [...RATE, 'peakRatePerSecond', 'periodSeconds'],
    titles: { ratePerSecond: 'Trough rate', peakRatePerSecond: 'Peak rate', periodSeconds: 'Period' },
  },
  spike: {
    keys: [...RATE, 'peakRatePerSecond', 'atSeconds', 'lengthSeconds'],
    titles: {
      ratePerSecond: 'Baseline rate',
      peakRatePerSecond: 'Spike rate',
      atSeconds: 'Spike starts at',
      lengthSeconds: 'Spike length',
    },
  },
  ramp: {
    keys: [...RATE, 'peakRatePerSecond', 'atSeconds', 'lengthSeconds'],
    titles: {
      ratePerSecond: 'Starting rate',
      peakRatePerSecond: 'Final rate',
      atSeconds: 'Ramp starts at',
      lengthSeconds: 'Ramp length',
    },
  },
  trace: { keys: ['shape', 'points'] },
};
const SHAPED = new Set(Object.values(BY_SHAPE).flatMap((s) => s.keys));

/** The fields of an object to show given its current value; all of them unless it is shaped traffic. */
export function visibleFields(fields: FieldSpec[], value: unknown): FieldSpec[] {
  const shapeField = fields.find((f) => f.key === 'shape' && f.type === 'enum');
  if (!shapeField || !fields.some((f) => f.key === 'ratePerSecond')) return fields;
  const v = value && typeof value === 'object' ? (value as Record<string, unknown>).shape : undefined;
  const rule = BY_SHAPE[String(v ?? shapeField.defaultValue)];
  if (!rule) return fields;
  return fields
    .filter((f) => rule.keys.includes(f.key) || !SHAPED.has(f.key))
    .map((f) => (rule.titles?.[f.key] ? { ...f, title: rule.titles[f.key] } : f));
}

/**
 * The top-level fields a params object uses: a field with `showIf` (a container's instance
 * type, only on EC2 or EKS) is shown when its siblings hold one of the named values, their
 * defaults included. Hidden values stay in the scenario, unused, until the choice changes back.
 */
export function applicableFields(fields: FieldSpec[], params: Record<string, unknown>): FieldSpec[] {
  if (!fields.some((f) => f.showIf)) return fields;
  return fields.filter(
    (f) =>
      !f.showIf ||
      Object.entries(f.showIf).every(([k, values]) =>
        values.includes(String(params[k] ?? fields.find((x) => x.key === k)?.defaultValue)),
      ),
  );
}
