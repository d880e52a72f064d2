/**
 * Number formatting for the results: what a person reads, not what the JSON holds. Exports
 * (CSV, JSON) keep the raw numbers; only the screen rounds.
 */
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** 12,345 — or 1.2M once the digits stop being readable at a glance. */
export function fmtCount(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const a = Math.abs(n);
  if (a >= 1e9) return `${oneDecimal.format(n / 1e9)}B`;
  if (a >= 1e7) return `${oneDecimal.format(n / 1e6)}M`;
  if (a < 10 && !Number.isInteger(n)) return n.toFixed(2);
  if (a < 100 && !Number.isInteger(n)) return oneDecimal.format(n);
  return grouped.format(n);
}

/** A bill amount: cents for ordinary sums, significant digits for the tiny ones a short run costs. */
export function fmtUsd(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x === 0) return '$0.00';
  const a = Math.abs(x);
  const sign = x < 0 ? '-' : '';
  if (a >= 1)
    return `${sign}$${a.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (a >= 0.01) return `${sign}$${a.toFixed(a >= 0.1 ? 2 : 3)}`;
  return `${sign}$${a.toPrecision(2).replace(/0+$/, '')}`;
}

/**
 * A unit price the way AWS's price pages state it: things counted in the millions (requests,
 * events) per million — "$0.20 per million requests", not "$0.0000002 per request" — and
 * metered quantities (GB-s, hours) per unit with their significant digits, as AWS does
 * ("$0.0000166667 per GB-s").
 */
const COUNTED = /request|event|invocation|deliver|message|unit|WRU|RRU|call|put|get/i;

export function fmtUnitPrice(unitUsd: number, unit: string): string {
  if (!(unitUsd > 0)) return '–';
  if (COUNTED.test(unit) && unitUsd < 0.01) {
    const [scale, word] = unitUsd * 1e3 >= 0.01 ? [1e3, 'thousand'] : [1e6, 'million'];
    return `${fmtPrice(unitUsd * scale)} per ${word} ${unit}`;
  }
  return `${fmtPrice(unitUsd)} per ${singular(unit)}`;
}

/** A price as published: never rounded away ("$0.0225"), cents shown when whole ("$0.20"). */
function fmtPrice(x: number): string {
  const v = Number(x.toPrecision(6));
  const cents = Math.round(v * 100);
  return Math.abs(v * 100 - cents) < 1e-9 ? `$${(cents / 100).toFixed(2)}` : `$${v}`;
}

function singular(unit: string): string {
  return unit.endsWith('s') && !unit.endsWith('-s') ? unit.slice(0, -1) : unit;
}

/** A latency: sub-millisecond, milliseconds, seconds or minutes as fits. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms === 0) return '0 ms';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** A simulated duration in words: "10 min", "2.5 h", "3 days". */
export function fmtDuration(seconds: number): string {
  if (seconds < 60) return `${oneDecimal.format(seconds)} s`;
  if (seconds < 3600) return `${oneDecimal.format(seconds / 60)} min`;
  if (seconds < 172_800) return `${oneDecimal.format(seconds / 3600)} h`;
  return `${oneDecimal.format(seconds / 86_400)} days`;
}

/** A time-axis tick, scaled to the run's length: m:ss for short runs, h:mm, then days. */
export function fmtClock(seconds: number, spanSeconds: number): string {
  const s = Math.round(seconds);
  if (spanSeconds <= 3600) return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  if (spanSeconds <= 172_800)
    return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
  return `${oneDecimal.format(seconds / 86_400)} d`;
}

export function fmtPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '–';
  if (fraction === 0) return '0 %';
  if (fraction > 0 && fraction < 0.001) return '<0.1 %';
  return `${(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0)} %`;
}

/** A quantity with its AWS unit: "1,200,000 requests", "37.5 GB-seconds". */
export function fmtQuantity(q: number, unit: string): string {
  const n =
    Number.isInteger(q) || Math.abs(q) >= 1000
      ? grouped.format(q)
      : q < 0.01 && q > 0
        ? q.toPrecision(2)
        : q.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return `${n} ${unit}`;
}
