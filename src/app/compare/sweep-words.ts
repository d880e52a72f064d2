import { fmtValue, type SweepCurve, type SweepReport } from '../../engine/compare/sweep';
import { isPlural } from '../../engine/compare/words';
import { humanize } from '../inspector/schema-fields';
import { lowerFirst, paramWords } from './param-words';
import { fmtAxisValue } from './sweep-chart-geometry';

/**
 * The sweep in people's words: the x axis's title from the swept parameter ("Clients:
 * requests per second"), where a design stops being viable, and the words for a value with
 * its unit.
 */

/** More than this share of requests failed, dropped or dead-lettered: the design is not viable there. */
export const NOT_VIABLE_SHARE = 0.01;

export function notViable(p: { failedFraction: number }): boolean {
  return p.failedFraction > NOT_VIABLE_SHARE;
}

const UNIT_WORDS: Record<string, string> = {
  'requests/s': 'requests per second',
  '/s': 'per second',
  s: 'seconds',
  ms: 'milliseconds',
  MB: 'MB',
  GB: 'GB',
  KB: 'KB',
  USD: 'US dollars',
};

export function unitWords(unit: string): string {
  return UNIT_WORDS[unit] ?? unit;
}

/** "20 requests/s", "512 MB", "3" (no unit). */
export function valueWithUnit(v: number, unit: string): string {
  return `${fmtAxisValue(v)}${unit ? ` ${unit}` : ''}`;
}

interface NodeLike {
  id?: unknown;
  kind?: unknown;
  label?: unknown;
}

/**
 * "Clients: requests per second" for nodes[id=clients].params.traffic.ratePerSecond;
 * "Handler: memory (MB)" for nodes[id=handler].params.memoryMB: the node named by its label in
 * the first scenario that has it, the parameter by its title in the kind's schema (the
 * inspector's words), else by its key.
 */
export function paramAxisTitle(param: string, unit: string, docs: readonly unknown[]): string {
  const m = /^nodes\[id=([^\]]+)\]\.params\.(.*)$/.exec(param);
  if (!m) return unit ? `${param} (${unitWords(unit)})` : param;
  const [, id, inner] = m;
  let label = id;
  let kind = '';
  for (const doc of docs) {
    const nodes = (doc as { nodes?: NodeLike[] } | null)?.nodes;
    const n = Array.isArray(nodes) ? nodes.find((x) => x?.id === id) : undefined;
    if (n && typeof n.label === 'string' && n.label.trim()) {
      label = n.label;
      kind = typeof n.kind === 'string' ? n.kind : '';
      break;
    }
  }
  const key =
    inner
      .replace(/\[[^\]]*\]/g, '')
      .split('.')
      .pop() ?? inner;
  if (/ratePerSecond$/i.test(key) && unit === 'requests/s') {
    const peak = /^peak/i.test(key) ? 'peak ' : '';
    return `${label}: ${peak}requests per second`;
  }
  const words = paramWords(kind, inner);
  if (words) {
    const t = lowerFirst(words.title);
    const u = words.unit || unit;
    return u ? `${label}: ${t} (${unitWords(u)})` : `${label}: ${t}`;
  }
  const title = humanize(key).toLowerCase();
  return unit ? `${label}: ${title} (${unitWords(unit)})` : `${label}: ${title}`;
}

/** Runs of consecutive not-viable points of a curve, as [first value, last value, reaches the end]. */
export function notViableRanges(curve: SweepCurve): [number, number, boolean][] {
  const out: [number, number, boolean][] = [];
  const pts = curve.points;
  for (let i = 0; i < pts.length; i++) {
    if (!notViable(pts[i])) continue;
    let j = i;
    while (j + 1 < pts.length && notViable(pts[j + 1])) j++;
    out.push([pts[i].value, pts[j].value, j === pts.length - 1]);
    i = j;
  }
  return out;
}

/**
 * Where each design stops being viable, one sentence per design that fails somewhere:
 * "monolith is not viable from 464 requests/s up: more than 1 % of its requests failed."
 */
export function viabilitySentences(report: SweepReport): string[] {
  const unit = report.unit;
  return report.curves.flatMap((c) => {
    const ranges = notViableRanges(c);
    if (ranges.length === 0) return [];
    const isWord = isPlural(c.name) ? 'are' : 'is';
    const parts = ranges.map(([a, b, end]) =>
      end && a !== b
        ? `from ${valueWithUnit(a, unit)} up`
        : a === b
          ? `at ${valueWithUnit(a, unit)}`
          : `from ${valueWithUnit(a, unit)} to ${valueWithUnit(b, unit)}`,
    );
    return [
      `${c.name} ${isWord} not viable ${joinWords(parts)}: more than 1 % of ${possessive(c.name)} requests failed there.`,
    ];
  });
}

function possessive(name: string): string {
  return isPlural(name) ? 'their' : 'its';
}

function joinWords(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** A crossover's interval in words: "95 % interval 3.1–4.4 requests/s". */
export function crossoverIntervalText(
  iv: { lo: number; hi: number; missing: number } | undefined,
  unit: string,
): string {
  if (!iv) return '';
  const miss = iv.missing
    ? ` (${iv.missing} run${iv.missing === 1 ? '' : 's'} did not cross in this range)`
    : '';
  return `95 % interval ${fmtValue(Math.max(0, iv.lo))}–${fmtValue(iv.hi)}${unit ? ` ${unit}` : ''}${miss}`;
}

/** "1 run", "36 runs". */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
