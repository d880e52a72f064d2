import { describe, expect, it } from 'vitest';
import template from '../../src/templates/api-function.json';
import { simulate } from '../../src/engine/simulate';
import { billNodes, breakdownRows, monthFactor } from '../../src/app/results/bill-rows';
import { billCsv, metricsCsv, seriesCsv, toCsv } from '../../src/app/results/export/csv';
import { slug } from '../../src/app/results/export/download';
import { fmtClock, fmtCount, fmtMs, fmtQuantity, fmtUnitPrice, fmtUsd } from '../../src/app/results/format';
import { binIndexOf, latencyBins } from '../../src/app/results/latency-bins';
import { concurrencyLimit } from '../../src/app/results/scenario-facts';
import { chartsForNode, humanize, nodesWithSeries } from '../../src/app/results/series-groups';

const result = simulate(template, { series: true });

describe('formatting', () => {
  it('keeps small bills readable and large ones in cents', () => {
    expect(fmtUsd(0)).toBe('$0.00');
    expect(fmtUsd(0.0000127)).toBe('$0.000013');
    expect(fmtUsd(0.0119)).toBe('$0.012');
    expect(fmtUsd(49.193)).toBe('$49.19');
    expect(fmtUsd(12345.6)).toBe('$12,345.60');
  });

  it('states unit prices the way AWS does', () => {
    expect(fmtUnitPrice(2e-7, 'requests')).toBe('$0.20 per million requests');
    expect(fmtUnitPrice(0.0000166667, 'GB-s')).toBe('$0.0000166667 per GB-s');
    expect(fmtUnitPrice(0.0225, 'ALB-hours')).toBe('$0.0225 per ALB-hour');
    expect(fmtUnitPrice(0, 'requests')).toBe('–');
  });

  it('formats counts, latencies, quantities and clock ticks', () => {
    expect(fmtCount(11932)).toBe('11,932');
    expect(fmtCount(12_345_678)).toBe('12.3M');
    expect(fmtCount(1.7904)).toBe('1.79');
    expect(fmtMs(0.42)).toBe('0.42 ms');
    expect(fmtMs(66.13)).toBe('66.1 ms');
    expect(fmtMs(1217.5)).toBe('1.22 s');
    expect(fmtQuantity(11931, 'requests')).toBe('11,931 requests');
    expect(fmtQuantity(539.3019999, 'GB-s')).toBe('539.3 GB-s');
    expect(fmtClock(90, 600)).toBe('1:30');
    expect(fmtClock(5400, 86_400)).toBe('1:30');
    expect(fmtClock(3 * 86_400, 30 * 86_400)).toBe('3 d');
  });

  it('turns a scenario name into a file name', () => {
    expect(slug('API → function (command pattern)')).toBe('api-function-command-pattern');
    expect(slug('   ')).toBe('scenario');
  });
});

describe('charts from the result', () => {
  it('charts only nodes that recorded series, grouped the way an operator reads them', () => {
    expect(nodesWithSeries(result)).toEqual(['clients', 'api', 'handler']);
    const charts = chartsForNode(result, 'handler');
    expect(charts.map((c) => c.id)).toEqual(['traffic', 'capacity', 'coldStarts', 'trouble']);
    const capacity = charts.find((c) => c.id === 'capacity')!;
    expect(capacity.lines.map((l) => l.metric)).toEqual(['concurrency', 'instances']);
    expect(chartsForNode(result, 'api').map((c) => c.title)).toEqual([
      'Requests',
      'Throttles, errors and retries',
    ]);
  });

  it('gives a series it does not know a chart of its own', () => {
    const withNew = {
      ...result,
      series: { ...result.series!, 'handler.warmPoolSize': result.series!.t.map(() => 1) },
    };
    const charts = chartsForNode(withNew, 'handler');
    expect(charts.at(-1)).toMatchObject({ id: 'warmPoolSize', title: 'Warm pool size' });
    expect(humanize('iteratorAgeSeconds')).toBe('Iterator age seconds');
  });

  it('draws a function against its reserved concurrency, or what the account leaves it', () => {
    expect(concurrencyLimit(template, 'handler')).toEqual({ value: 1000, label: 'account concurrency' });
    const doc = structuredClone(template) as {
      nodes: { id: string; kind: string; params: Record<string, unknown> }[];
    };
    doc.nodes.push({ id: 'other', kind: 'function', params: { reservedConcurrency: 200 } });
    expect(concurrencyLimit(doc, 'handler')).toEqual({ value: 800, label: 'unreserved account concurrency' });
    expect(concurrencyLimit(doc, 'other')).toEqual({ value: 200, label: 'reserved concurrency' });
    expect(concurrencyLimit(doc, 'api')).toBeNull();
  });

  it('merges the fine latency buckets into a few dozen log bins without losing a request', () => {
    const bins = latencyBins(result.latencyHistogram);
    expect(bins.length).toBeGreaterThan(5);
    expect(bins.length).toBeLessThanOrEqual(32);
    const total = result.latencyHistogram.reduce((s, r) => s + r[2], 0);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(total);
    for (let i = 1; i < bins.length; i++) expect(bins[i].loMs).toBeCloseTo(bins[i - 1].hiMs, 6);
    const p99 = binIndexOf(bins, result.totals.latencyMs.p99);
    expect(bins[p99].loMs).toBeLessThanOrEqual(result.totals.latencyMs.p99);
    expect(latencyBins([])).toEqual([]);
    expect(latencyBins([[10, 10.2, 5]])).toEqual([expect.objectContaining({ count: 5 })]);
  });
});

describe('bill rows', () => {
  it('lists the nodes that cost money, most expensive first, with a uniform month factor', () => {
    const nodes = billNodes(result);
    // The handler's requests, compute and CloudWatch Logs together cost more than the API's requests.
    expect(nodes.map((n) => n.id)).toEqual(['handler', 'api']);
    expect(monthFactor(result)).toBeCloseTo(result.totals.monthlyCostUsd / result.totals.costUsd, 9);
    const { rows, items } = breakdownRows(nodes, 1);
    expect(items).toContain('compute (x86_64)');
    const handler = rows.find((r) => r.node === 'Handle command')!;
    const sum = items.reduce((s, k) => s + ((handler[k] as number | undefined) ?? 0), 0);
    expect(sum).toBeCloseTo(result.nodes.handler.cost.totalUsd, 9);
  });
});

describe('CSV export', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas in labels', () => {
    expect(toCsv([['a,b', 'say "hi"', '=SUM(A1)', 3]])).toBe('"a,b","say ""hi""",\'=SUM(A1),3\r\n');
  });

  it('writes one row per time bucket with every series', () => {
    const lines = seriesCsv(result).trim().split('\r\n');
    expect(lines[0].split(',')).toEqual([
      't_seconds',
      ...Object.keys(result.series!).filter((k) => k !== 't' && k !== 'bucketSeconds'),
    ]);
    expect(lines).toHaveLength(result.series!.t.length + 1);
  });

  it('writes the bill line by line with raw numbers and sources, then the totals', () => {
    const lines = billCsv(result).trim().split('\r\n');
    expect(lines[0]).toBe('node_id,node_label,kind,item,quantity,unit,unit_usd,usd,source');
    expect(lines.some((l) => l.startsWith('handler,Handle command,function,requests,11931,requests,'))).toBe(
      true,
    );
    expect(lines.at(-1)).toBe(`,Total per 30-day month,,,,,,${result.totals.monthlyCostUsd},`);
  });

  it('flattens totals and node metrics, latency summaries included', () => {
    const csv = metricsCsv(result);
    expect(csv).toContain(`total,,,,latencyMs.p99,${result.totals.latencyMs.p99}`);
    expect(csv).toContain(`node,handler,Handle command,function,durationMs.p50,`);
  });
});
