import type { Result } from '../../../engine/result';
import { seriesKeys } from '../series-groups';

/**
 * The result as CSV tables for spreadsheets. Numbers stay raw (no rounding, no currency
 * signs) so that a spreadsheet can sum them.
 */
export function toCsv(rows: (string | number | boolean | undefined)[][]): string {
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(v: string | number | boolean | undefined): string {
  if (v === undefined) return '';
  if (typeof v !== 'string') return String(v);
  // Labels are user text: one starting with = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per time bucket: t_seconds, then every series ("<nodeId>.<metric>"). */
export function seriesCsv(result: Result): string {
  const s = result.series;
  if (!s) return toCsv([['t_seconds']]);
  const keys = seriesKeys(result);
  return toCsv([
    ['t_seconds', ...keys],
    ...s.t.map((t, i) => [t, ...keys.map((k) => (s[k] as number[])[i])]),
  ]);
}

/** The bill: one row per line item, in AWS units, with its price source. */
export function billCsv(result: Result): string {
  const rows: (string | number)[][] = [
    ['node_id', 'node_label', 'kind', 'item', 'quantity', 'unit', 'unit_usd', 'usd', 'source'],
  ];
  for (const [id, node] of Object.entries(result.nodes)) {
    for (const item of node.cost.items) {
      rows.push([
        id,
        node.label,
        node.kind,
        item.name,
        item.quantity,
        item.unit,
        item.unitUsd,
        item.usd,
        item.source,
      ]);
    }
  }
  rows.push(['', 'Total for the run', '', '', '', '', '', result.totals.costUsd, '']);
  rows.push(['', 'Total per 30-day month', '', '', '', '', '', result.totals.monthlyCostUsd, '']);
  return toCsv(rows);
}

/** Totals and every node metric, flattened: latency summaries become metric.p99 and so on. */
export function metricsCsv(result: Result): string {
  const rows: (string | number)[][] = [['scope', 'node_id', 'node_label', 'kind', 'metric', 'value']];
  for (const [name, value] of flatten(result.totals as unknown as Record<string, unknown>))
    rows.push(['total', '', '', '', name, value]);
  for (const [id, node] of Object.entries(result.nodes)) {
    for (const [name, value] of flatten(node.metrics as Record<string, unknown>))
      rows.push(['node', id, node.label, node.kind, name, value]);
    rows.push(['node', id, node.label, node.kind, 'cost.totalUsd', node.cost.totalUsd]);
    if (node.cost.monthlyUsd !== undefined)
      rows.push(['node', id, node.label, node.kind, 'cost.monthlyUsd', node.cost.monthlyUsd]);
  }
  return toCsv(rows);
}

function flatten(obj: Record<string, unknown>, prefix = ''): [string, number | string][] {
  const out: [string, number | string][] = [];
  for (const [k, v] of Object.entries(obj)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'number' || typeof v === 'string') out.push([name, v]);
    else if (Array.isArray(v)) out.push([name, v.join(' ')]);
    else if (v && typeof v === 'object') out.push(...flatten(v as Record<string, unknown>, name));
  }
  return out;
}
