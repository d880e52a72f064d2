import type { Result } from '../../engine/result';
import { billNodes, monthFactor } from '../results/bill-rows';
import { fmtUsd } from '../results/format';
import type { Column } from './side-columns';

/** One scenario's bill per month: nodes most expensive first, each with its line items folded under it. */
export function BillColumn({ column }: { column: Column }) {
  const { entry, result, color, note } = column;
  return (
    <section className="compare-bill" aria-label={`Bill of ${entry.name}`}>
      <h4>
        <span className="compare-swatch" style={{ background: color }} aria-hidden="true" />
        {entry.name}
        {result ? (
          <span className="compare-bill-total">{fmtUsd(result.totals.monthlyCostUsd)} / month</span>
        ) : null}
      </h4>
      {result ? <BillList result={result} /> : <p className="compare-note">{note}</p>}
    </section>
  );
}

function BillList({ result }: { result: Result }) {
  const nodes = billNodes(result);
  const factor = monthFactor(result);
  if (nodes.length === 0) return <p className="compare-note">Nothing on the bill.</p>;
  return (
    <ul className="compare-bill-nodes">
      {nodes.map((n) => (
        <li key={n.id}>
          <details>
            <summary>
              <span>
                {n.label} <span className="bill-kind">{n.kind}</span>
              </span>
              <strong>{fmtUsd(n.monthlyUsd)}</strong>
            </summary>
            <ul className="compare-bill-items">
              {n.items.map((item) => (
                <li key={item.name}>
                  <span>{item.name}</span>
                  <span>{fmtUsd(item.usd * factor)}</span>
                </li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  );
}
