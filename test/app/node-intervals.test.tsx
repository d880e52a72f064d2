import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { simulateReplicated } from '../../src/engine/stats/run-replications';
import { NodeIntervals } from '../../src/app/results/NodeIntervals';
import { fmtMs } from '../../src/app/results/format';

/**
 * The per-node table of replications reads each node's latency where its kind's catalog says
 * (serviceMap.latency): a function's duration, a gateway's latency, a pipe's batch time.
 */
describe('per-node intervals read the latency the catalog names', () => {
  it('eventbridge-pipes over 3 replications: the pipe shows its batch time, the function its duration', () => {
    const doc = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../src/templates/eventbridge-pipes.json'), 'utf8'),
    );
    doc.settings.durationSeconds = 90;
    doc.settings.warmupSeconds = 10;
    const result = simulateReplicated(doc, { replications: 3 });
    render(<NodeIntervals result={result} />);
    const rowOf = (kind: string) => {
      const id = Object.keys(result.nodes).find((k) => result.nodes[k].kind === kind)!;
      return { id, row: screen.getByRole('row', { name: new RegExp(`^${result.nodes[id].label}\\b`) }) };
    };
    for (const [kind, metric] of [
      ['pipe', 'batchMs'],
      ['function', 'durationMs'],
    ] as const) {
      const { id, row } = rowOf(kind);
      const summary = result.replications!.nodes[id].metrics[metric] as unknown as { mean: { mean: number } };
      const cells = within(row).getAllByRole('cell');
      // Columns: cost, latency or duration, key figures.
      expect(cells[1].textContent, kind).toContain(fmtMs(summary.mean.mean));
    }
  });
});
