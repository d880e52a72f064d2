import { fmtValue, type SweepReport } from '../../engine/compare/sweep';
import { fmtMs, fmtUsd } from '../results/format';
import { notViable } from './sweep-words';

/** The numbers behind the charts, each with its ± when there are replications. */
export function PointsTable({ report, xTitle }: { report: SweepReport; xTitle: string }) {
  return (
    <details className="compare-points">
      <summary>Table of the sweep's points</summary>
      <table className="compare-table">
        <thead>
          <tr>
            <th scope="col">{xTitle}</th>
            {report.curves.map((c) => (
              <th key={c.name} scope="col" className="num">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.values.map((v) => (
            <tr key={v}>
              <th scope="row">{fmtValue(v)}</th>
              {report.curves.map((c) => {
                const p = c.points.find((q) => q.value === v);
                const r = p?.replications;
                return (
                  <td key={c.name} className="num">
                    {p
                      ? `${fmtUsd(p.monthlyCostUsd)}${r ? ` ± ${fmtUsd(r.monthlyCostUsd.halfWidth)}` : ''} · p95 ${fmtMs(p.p95Ms)}${notViable(p) ? ' · not viable' : ''}`
                      : '—'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
