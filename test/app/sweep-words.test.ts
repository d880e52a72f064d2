import { describe, expect, it } from 'vitest';
import type { SweepCurve, SweepReport } from '../../src/engine/compare/sweep';
import { paramOptions } from '../../src/app/compare/param-options';
import {
  notViableRanges,
  paramAxisTitle,
  plural,
  viabilitySentences,
} from '../../src/app/compare/sweep-words';

const docs = [
  {
    nodes: [
      { id: 'clients', kind: 'producer', label: 'Clients', params: {} },
      { id: 'handler', kind: 'function', label: 'Make thumbnails', params: {} },
      { id: 'web', kind: 'server', label: 'Monolith', params: {} },
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
    expect(paramAxisTitle('nodes[id=handler].params.timeoutMs', 'ms', docs)).toBe(
      'Make thumbnails: timeout (milliseconds)',
    );
    // The schema's title, not the key: a distribution's number, a share, a list item.
    expect(paramAxisTitle('nodes[id=handler].params.duration.meanMs', 'ms', docs)).toBe(
      'Make thumbnails: handler duration: mean (milliseconds)',
    );
    expect(paramAxisTitle('nodes[id=handler].params.cpuBoundFraction', '', docs)).toBe(
      'Make thumbnails: CPU-bound share (0 to 1)',
    );
    expect(paramAxisTitle('nodes[id=web].params.autoscaling.scaleOutDelaySeconds', 's', docs)).toBe(
      'Monolith: auto scaling: scale-out delay (seconds)',
    );
    // A node the documents do not have: its id and the key, still with the unit in words.
    expect(paramAxisTitle('nodes[id=gone].params.timeoutSeconds', 's', docs)).toBe('gone: timeout (seconds)');
  });

  it('names the parameters a sweep may vary by their titles and units, not their paths', () => {
    const options = paramOptions([
      {
        nodes: [
          {
            id: 'clients',
            kind: 'producer',
            label: 'Clients',
            params: { traffic: { shape: 'poisson', ratePerSecond: 20 }, payloadKB: 4 },
          },
          {
            id: 'web',
            kind: 'server',
            label: 'Monolith',
            params: {
              duration: { dist: 'lognormal', meanMs: 90, p99Ms: 400 },
              components: [{ name: 'api', vcpu: 1, memoryGB: 2 }],
            },
          },
        ],
      },
    ]);
    expect(options.map((o) => o.label)).toEqual([
      'Clients · Traffic: rate (requests/s)',
      'Clients · Request size (KB)',
      'Monolith · Service time: mean (ms)',
      'Monolith · Service time: p99 (ms)',
      'Monolith · Components (api): vCPU',
      'Monolith · Components (api): memory (GB)',
    ]);
    expect(options[0].path).toBe('nodes[id=clients].params.traffic.ratePerSecond');
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
        curve('eks', [0, 0, 0, 0.5]),
      ],
      crossovers: [],
    };
    expect(notViableRanges(report.curves[0])).toEqual([[100, 1000, true]]);
    expect(viabilitySentences(report)).toEqual([
      'monolith is not viable from 100 requests/s up: more than 1 % of its requests failed there.',
      'containers are not viable at 1 requests/s and at 1,000 requests/s: more than 1 % of their requests failed there.',
      'eks is not viable at 1,000 requests/s: more than 1 % of its requests failed there.',
    ]);
  });

  it('counts in words', () => {
    expect(plural(1, 'run')).toBe('1 run');
    expect(plural(1200, 'run')).toBe('1,200 runs');
  });
});
