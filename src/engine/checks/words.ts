import { fmtNumber } from '../scenario/params';

/** Lists inside one finding stop after this many names. */
export const MAX_NAMED = 8;

/** "A", "A and B", "A, B and C", "A, B, … and 7 more". */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length > MAX_NAMED)
    return `${items.slice(0, MAX_NAMED).join(', ')} and ${(items.length - MAX_NAMED).toLocaleString('en-US')} more`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** 30 → "30 s", 90 → "90 s", 0.5 → "0.5 s". */
export function seconds(s: number): string {
  return `${fmtNumber(Math.round(s * 1000) / 1000)} s`;
}

export { fmtNumber };

/** A span in the unit a person would use: "30 s", "5 min", "4 days". */
export function span(s: number): string {
  const r = (x: number) => fmtNumber(Math.round(x * 10) / 10);
  if (s < 120) return `${r(s)} s`;
  if (s < 7200) return `${r(s / 60)} min`;
  if (s < 172800) return `${r(s / 3600)} h`;
  return `${r(s / 86400)} days`;
}
