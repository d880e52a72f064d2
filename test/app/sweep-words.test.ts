import { describe, expect, it } from 'vitest';
import type { SweepCurve, SweepReport } from '../../src/engine/compare/sweep';
import {
  notViableRanges,
  paramAxisTitle,
  plural,
  viabilitySentences,
} from '../../src/app/compare/sweep-words';

const docs = [
  {
    nodes: [
      { id: 'clients', label: 'Clients', params: {} },
      { id: 'handler', label: 'Make thumbnails', params: {} },
    ],
  },
];

const curve = (name: string, failed: number[]): SweepCurve => ({
  scenario: 0,
  name,
  points: [1, 10, 100, 1000].map((value, i) => ({
    value,
    monthlyCostUsd: 1,
    p95Ms: 1,
    requests: 1,
    failedFraction: failed[i],
  })),
});

describe('the sweep in words', () => {
  it('titles the x axis from the node and the parameter, with the unit in words', () => {
    expect(paramAxisTitle('nodes[id=clients].params.traffic.ratePerSecond', 'requests/s', docs)).toBe(
      'Clients: requests per second',
    );
    expect(paramAxisTitle('nodes[id=handler].params.memoryMB', 'MB', docs)).toBe(
      'Make thumbnails: memory (MB)',
    );
    expect(paramAxisTitle('nodes[id=handler].params.timeoutSeconds', 's', docs)).toBe(
      'Make thumbnails: timeout (seconds)',
    );
  });

  it('says where a design stops being viable, agreeing with its name', () => {
    // More than 1 % failed: not viable; exactly 1 % is still viable.
    const report: SweepReport = {
      param: 'nodes[id=clients].params.traffic.ratePerSecond',
      unit: 'requests/s',
      values: [1, 10, 100, 1000],
      curves: [
        curve('monolith', [0, 0, 0.05, 0.2]),
        curve('containers', [0.02, 0, 0, 0.3]),
        curve('functions', [0, 0.01, 0, 0]),
      ],
      crossovers: [],
    };
    expect(notViableRanges(report.curves[0])).toEqual([[100, 1000, true]]);
    expect(viabilitySentences(report)).toEqual([
      'monolith is not viable from 100 requests/s up: more than 1 % of its requests failed there.',
      'containers are not viable at 1 requests/s and at 1,000 requests/s: more than 1 % of their requests failed there.',
    ]);
  });

  it('counts in words', () => {
    expect(plural(1, 'run')).toBe('1 run');
    expect(plural(1200, 'run')).toBe('1,200 runs');
  });
});
