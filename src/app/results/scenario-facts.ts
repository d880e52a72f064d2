import { settingsSchema, type ScenarioSettings } from '../../engine/scenario/schema';

/**
 * What the results need to know about the scenario that was run (not the one on the canvas
 * now, which may have changed since): its settings with defaults applied, and each
 * function's concurrency limit to draw against its concurrency.
 */
interface DocLike {
  name?: unknown;
  settings?: unknown;
  nodes?: { id?: unknown; kind?: unknown; params?: Record<string, unknown> }[];
}

export function runSettings(doc: unknown): ScenarioSettings {
  const parsed = settingsSchema.safeParse((doc as DocLike | null)?.settings ?? {});
  return parsed.success ? parsed.data : settingsSchema.parse({});
}

export interface ConcurrencyLimit {
  value: number;
  /** Where the limit comes from, in words for the chart. */
  label: string;
}

/**
 * A function runs at most its reserved concurrency; without one it shares what the account
 * has left once every other function's reservation is taken out [L-CONC].
 */
export function concurrencyLimit(doc: unknown, nodeId: string): ConcurrencyLimit | null {
  const nodes = (doc as DocLike | null)?.nodes ?? [];
  const node = nodes.find((n) => n.id === nodeId);
  if (!node || node.kind !== 'function') return null;
  const reserved = node.params?.reservedConcurrency;
  if (typeof reserved === 'number') return { value: reserved, label: 'reserved concurrency' };
  const account = runSettings(doc).accountConcurrency;
  const reservedElsewhere = nodes
    .filter((n) => n.kind === 'function' && n.id !== nodeId)
    .reduce(
      (sum, n) =>
        sum +
        (typeof n.params?.reservedConcurrency === 'number' ? (n.params.reservedConcurrency as number) : 0),
      0,
    );
  return reservedElsewhere > 0
    ? { value: Math.max(0, account - reservedElsewhere), label: 'unreserved account concurrency' }
    : { value: account, label: 'account concurrency' };
}
