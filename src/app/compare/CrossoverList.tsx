import { fmtValue, type SweepReport } from '../../engine/compare/sweep';
import { verb } from '../../engine/compare/words';
import { fmtUsd } from '../results/format';
import { crossoverIntervalText } from './sweep-words';

/**
 * Every crossover in words, with its bracket and (with replications) its 95 % interval: what
 * the chart labels, readable at any size. With none, which design costs least throughout.
 */
export function CrossoverList({ report }: { report: SweepReport }) {
  if (report.crossovers.length === 0) {
    const first = report.curves.reduce(
      (best, c) =>
        c.points[0] && best.points[0] && c.points[0].monthlyCostUsd < best.points[0].monthlyCostUsd
          ? c
          : best,
      report.curves[0],
    );
    return (
      <p className="crossover-none">
        No crossovers in this range
        {first && report.curves.length > 1
          ? `: ${first.name} ${verb(first.name, 'cost')} least throughout`
          : ''}
        .
      </p>
    );
  }
  const unit = report.unit ? ` ${report.unit}` : '';
  return (
    <ol className="crossover-list" aria-label="Crossovers">
      {report.crossovers.map((c) => {
        const iv = crossoverIntervalText(c.interval, report.unit);
        return (
          <li key={`${c.a}-${c.b}-${c.lo}`}>
            <strong>{c.label}</strong>
            <span className="compare-note">
              {' '}
              — about {fmtUsd(c.monthlyCostUsd)} a month there
              {iv ? `; ${iv}` : ''}; bracketed between {fmtValue(c.lo)} and {fmtValue(c.hi)}
              {unit}
              {c.refined > 0
                ? ` after ${c.refined} refinement round${c.refined === 1 ? '' : 's'}`
                : ' (interpolated)'}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
