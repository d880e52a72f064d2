import type { Result } from '../../engine/result';
import { billNodes } from './bill-rows';
import { fmtDuration, fmtQuantity, fmtUnitPrice, fmtUsd } from './format';
import { runSettings } from './scenario-facts';

/** The bill as AWS would itemise it: per node, each line in AWS's units, price and source. */
export function BillTable({ result, scenario }: { result: Result; scenario: unknown }) {
  const nodes = billNodes(result);
  const settings = runSettings(scenario);
  return (
    <div className="bill">
      <p className="bill-basis">
        {fmtDuration(result.simulatedSeconds)} simulated in {settings.region}; free tier{' '}
        {settings.includeFreeTier ? 'subtracted (pro-rated to the run)' : 'not included'}. Per month means the
        same traffic for 30 days.
      </p>
      <table className="bill-table">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Unit price
            </th>
            <th scope="col" className="num">
              This run
            </th>
            <th scope="col">Price source</th>
          </tr>
        </thead>
        {nodes.map((n) => (
          <tbody key={n.id} className="bill-node">
            <tr className="bill-node-row">
              <th scope="rowgroup" colSpan={3}>
                {n.label} <span className="bill-kind">{n.kind}</span>
              </th>
              <td className="num">{fmtUsd(n.totalUsd)}</td>
              <td className="bill-monthly">{fmtUsd(n.monthlyUsd)} per month</td>
            </tr>
            {n.items.map((item) => (
              <tr key={item.name} className="bill-item">
                <td>{item.name}</td>
                <td className="num">{fmtQuantity(item.quantity, item.unit)}</td>
                <td className="num">{fmtUnitPrice(item.unitUsd, item.unit)}</td>
                <td className="num">{fmtUsd(item.usd)}</td>
                <td className="bill-source">
                  <PriceSource source={item.source} />
                </td>
              </tr>
            ))}
          </tbody>
        ))}
        <tfoot>
          <tr className="bill-total">
            <th scope="row" colSpan={3}>
              Total for the run
            </th>
            <td className="num">{fmtUsd(result.totals.costUsd)}</td>
            <td />
          </tr>
          <tr className="bill-total bill-total-month">
            <th scope="row" colSpan={3}>
              Total per month
            </th>
            <td className="num">{fmtUsd(result.totals.monthlyCostUsd)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/**
 * Sources read "[L-PRICE] [L-PAPI], as of 2025-10; free tier …; …": the tags and date come
 * first, the notes on tiers and free tiers fold away.
 */
function PriceSource({ source }: { source: string }) {
  const [head, ...notes] = source.split(/;\s*/);
  if (notes.length === 0) return <>{head}</>;
  return (
    <details>
      <summary>{head}</summary>
      <ul>
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </details>
  );
}
