import type { NodeKind, NodeMetrics } from '../../engine/kinds/types';
import { fmtCount } from '../results/format';

export interface Badge {
  text: string;
  /** Something went wrong here (throttles, errors, dead letters): shown with ⚠, not colour alone. */
  problem: boolean;
  title: string;
}

/** [metric, short word, is a problem when above 0]; the key figures a node shows after a run. */
type Pick = [string, string, boolean];
const PICKS: Partial<Record<NodeKind, Pick[]>> = {
  producer: [
    ['requests', 'req', false],
    ['sent', 'sent', false],
  ],
  schedule: [
    ['ticks', 'ticks', false],
    ['sent', 'sent', false],
  ],
  apiGateway: [
    ['requests', 'req', false],
    ['throttled', 'throttled', true],
    ['errors', '5xx', true],
    ['timeouts', 'timeouts', true],
  ],
  loadBalancer: [
    ['requests', 'req', false],
    ['errors', '5xx', true],
    ['timeouts', 'timeouts', true],
  ],
  function: [
    ['invocations', 'inv', false],
    ['coldStarts', 'cold', false],
    ['throttles', 'throttled', true],
    ['errors', 'errors', true],
    ['timeouts', 'timeouts', true],
  ],
  queue: [
    ['sent', 'sent', false],
    ['maxDepth', 'max depth', false],
    ['deadLettered', 'DLQ', true],
  ],
  topic: [
    ['published', 'published', false],
    ['delivered', 'delivered', false],
  ],
  eventBus: [
    ['putEvents', 'events', false],
    ['matched', 'matched', false],
    ['failed', 'failed', true],
  ],
  stream: [
    ['recordsIn', 'in', false],
    ['writeThrottles', 'throttled', true],
    ['expired', 'expired', true],
  ],
  server: [
    ['requests', 'req', false],
    ['maxInstances', 'max inst', false],
    ['meanUtilization', 'util', false],
  ],
  container: [
    ['requests', 'req', false],
    ['maxInstances', 'max tasks', false],
    ['meanUtilization', 'util', false],
  ],
};

const MAX_BADGES = 4;

export function badgesFor(kind: NodeKind, metrics: NodeMetrics | undefined): Badge[] {
  if (!metrics) return [];
  const picks = PICKS[kind];
  const out: Badge[] = [];
  if (picks) {
    for (const [key, word, isProblem] of picks) {
      const v = metrics[key];
      if (typeof v !== 'number') continue;
      // Problems only when they happened; ordinary figures always.
      if (isProblem && v <= 0) continue;
      const text = key === 'meanUtilization' ? `${Math.round(v * 100)}% ${word}` : `${fmtCount(v)} ${word}`;
      out.push({ text, problem: isProblem, title: `${key}: ${v}` });
    }
  } else {
    // A kind without a pick list (tables, buckets): its first plain counters.
    for (const [key, v] of Object.entries(metrics)) {
      if (typeof v === 'number')
        out.push({ text: `${fmtCount(v)} ${key}`, problem: false, title: `${key}: ${v}` });
      if (out.length >= 2) break;
    }
  }
  return out.slice(0, MAX_BADGES);
}
