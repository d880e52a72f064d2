import { fmtCount, fmtDuration, fmtMs, fmtPercent, fmtUsd } from '../results/format';
import { trafficText, type Figures } from './side-by-side-data';
import type { Column } from './side-columns';

type HalfKey = keyof Figures['half'];

interface Row {
  label: string;
  cell(f: Figures): string;
  /** Lower is better: the best of the row is in bold. */
  best?: (f: Figures) => number;
}

/** "$12.30 ± $0.40" with replications, "$12.30" without. */
function pm(f: Figures, key: HalfKey, fmt: (x: number) => string, value: number): string {
  const h = f.half[key];
  return h !== undefined && f.runs > 1 ? `${fmt(value)} ± ${fmt(h)}` : fmt(value);
}

const ROWS: Row[] = [
  {
    label: 'Cost per month',
    cell: (f) => pm(f, 'monthlyCostUsd', fmtUsd, f.monthlyCostUsd),
    best: (f) => f.monthlyCostUsd,
  },
  { label: 'Cost of this run', cell: (f) => pm(f, 'runCostUsd', fmtUsd, f.runCostUsd) },
  { label: 'Requests', cell: (f) => fmtCount(Math.round(f.requests)) },
  { label: 'Latency p50', cell: (f) => pm(f, 'p50', fmtMs, f.p50), best: (f) => f.p50 },
  { label: 'Latency p95', cell: (f) => pm(f, 'p95', fmtMs, f.p95), best: (f) => f.p95 },
  { label: 'Latency p99', cell: (f) => pm(f, 'p99', fmtMs, f.p99), best: (f) => f.p99 },
  { label: 'Failed', cell: (f) => fmtPercent(f.failed) },
  { label: 'Dropped', cell: (f) => fmtPercent(f.dropped) },
  {
    label: 'Cold starts',
    cell: (f) => (f.coldStartRatio === null ? '—' : pm(f, 'coldStartRatio', fmtPercent, f.coldStartRatio)),
  },
  { label: 'Utilisation', cell: (f) => (f.utilisation === null ? '—' : fmtPercent(f.utilisation)) },
];

/** The figures of each design in a column, with the traffic each ran and how long. */
export function SideTable({
  columns,
  figures,
  durationSeconds,
  replications,
}: {
  columns: Column[];
  figures: (Figures | null)[];
  durationSeconds: number;
  replications: number;
}) {
  const traffic = columns.map((c) => trafficText(c.entry.doc));
  const same = traffic.every((t) => t === traffic[0]);
  const runs =
    replications > 1
      ? `${replications} runs with different seeds (the same seeds for every design); figures are means ± 95 % interval`
      : 'one run with the same seed';
  return (
    <div className="compare-table-wrap">
      <table className="compare-table" aria-label="Side by side">
        <caption>
          Each design run for {fmtDuration(durationSeconds)}, {runs}
          {same && traffic[0] ? `, at the same traffic: ${traffic[0]}` : ''}. Per month means this traffic for
          30 days; the best value of a row is in bold.
        </caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {columns.map((c) => (
              <th key={c.entry.key} scope="col" className="num">
                <span className="compare-swatch" style={{ background: c.color }} aria-hidden="true" />
                {c.entry.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="compare-row-traffic">
            <th scope="row">Traffic</th>
            {columns.map((c, i) => (
              <td key={c.entry.key} className="num">
                {traffic[i] || '—'}
              </td>
            ))}
          </tr>
          {ROWS.map((row) => {
            const vals = row.best ? figures.map((f) => (f ? row.best!(f) : Infinity)) : [];
            const min = vals.length ? Math.min(...vals) : NaN;
            return (
              <tr
                key={row.label}
                className={row.label === 'Cost per month' ? 'compare-row-accent' : undefined}
              >
                <th scope="row">{row.label}</th>
                {columns.map((c, i) => {
                  const f = figures[i];
                  const best = f && row.best && vals.filter((v) => v === min).length === 1 && vals[i] === min;
                  return (
                    <td key={c.entry.key} className={best ? 'num compare-best' : 'num'}>
                      {f ? row.cell(f) : <span className="compare-note">{c.note}</span>}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
