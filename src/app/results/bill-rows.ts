import type { CostItem } from '../../engine/billing/types';
import type { NodeKind } from '../../engine/kinds/vocabulary';
import type { Result } from '../../engine/result';

export interface BillNode {
  id: string;
  label: string;
  kind: NodeKind;
  totalUsd: number;
  monthlyUsd: number;
  items: CostItem[];
}

/**
 * Nodes with something on their bill, most expensive first: the bill is read to find where
 * the money goes. Nodes that cost nothing (a producer, the clients) are left out.
 */
export function billNodes(result: Result): BillNode[] {
  const factor = monthFactor(result);
  return Object.entries(result.nodes)
    .filter(([, n]) => n.cost.items.length > 0)
    .map(([id, n]) => ({
      id,
      label: n.label,
      kind: n.kind,
      totalUsd: n.cost.totalUsd,
      monthlyUsd: n.cost.monthlyUsd ?? n.cost.totalUsd * factor,
      items: [...n.cost.items].sort((a, b) => b.usd - a.usd),
    }))
    .sort((a, b) => b.totalUsd - a.totalUsd || a.label.localeCompare(b.label));
}

/**
 * Run cost to monthly cost. The engine prices the run as its slice of a 30-day month at the
 * same rate, so one factor holds for every line.
 */
export function monthFactor(result: Result): number {
  const { costUsd, monthlyCostUsd } = result.totals;
  if (costUsd > 0) return monthlyCostUsd / costUsd;
  return result.simulatedSeconds > 0 ? (30 * 86_400) / result.simulatedSeconds : 0;
}

/** One row per node for the stacked breakdown chart: usd per line item name. */
export function breakdownRows(
  nodes: BillNode[],
  scale: number,
): { rows: Record<string, number | string>[]; items: string[] } {
  const items: string[] = [];
  const rows = nodes
    .filter((n) => n.totalUsd > 0)
    .map((n) => {
      const row: Record<string, number | string> = { node: n.label };
      for (const item of n.items) {
        if (!items.includes(item.name)) items.push(item.name);
        row[item.name] = ((row[item.name] as number | undefined) ?? 0) + item.usd * scale;
      }
      return row;
    });
  return { rows, items };
}
