import { describe, expect, it } from 'vitest';
import { EVENTBRIDGE, KINESIS, LAMBDA, S3, SNS } from '../../src/engine/billing/prices';
import { smallestFittingInstance } from '../../src/engine/kinds/server/instance-types';
import { validateScenario } from '../../src/engine/scenario/validate';
import {
  between,
  type Claim,
  type Doc,
  latency,
  load,
  m,
  monthlyOf,
  runOf,
  seriesBetween,
  text,
} from './lesson-claims-runs';

/**
 * The numbers the notes and lessons of the other templates state, each checked against a run
 * of its template (or a run of the change its "Try" proposes), so an engine change that makes
 * one untrue fails here. lesson-claims.test.ts holds the first ones and the marked choices.
 */
const node = (d: Doc, id: string) => d.nodes.find((n: Doc) => n.id === id);
const edge = (d: Doc, source: string, target: string) =>
  d.edges.find((e: Doc) => e.source === source && e.target === target);
const x86 = LAMBDA.duration.x86_64.tiers[0].usd;

const CLAIMS: Claim[] = [
  // ---- api-function ----------------------------------------------------------------------
  {
    template: 'api-function',
    says: "API requests cost more than the function's compute at this memory size",
    check: () => {
      const r = runOf('api-function');
      expect(r.nodes.api.cost.totalUsd).toBeGreaterThan(m(r, 'handler').billedGbSeconds * x86);
    },
  },
  {
    template: 'api-function',
    says: 'raise the rate to 2,000 requests/s, set reserved concurrency to 50, and watch the 5xx errors appear',
    check: () => {
      const r = runOf('api-function', '2000/s reserved 50', (d) => {
        node(d, 'clients').params.traffic.ratePerSecond = 2000;
        node(d, 'handler').params.reservedConcurrency = 50;
      });
      expect(m(r, 'handler').throttles).toBeGreaterThan(0);
      expect(m(r, 'api').errors).toBeGreaterThan(0);
    },
  },
  // ---- messaging-dlq -----------------------------------------------------------------------
  {
    template: 'messaging-dlq',
    says: 'about 30 % of the messages fail',
    check: () => {
      const q = m(runOf('messaging-dlq'), 'orders');
      between(q.returned / q.received, 0.28, 0.32);
    },
  },
  {
    template: 'messaging-dlq',
    says: 'so the p95 and p99 latency are more than a minute',
    check: () => {
      const l = runOf('messaging-dlq').totals.latencyMs;
      expect(l.p95).toBeGreaterThan(60_000);
      expect(l.p99).toBeGreaterThan(60_000);
    },
  },
  {
    template: 'messaging-dlq',
    says: '`received` is higher than `sent`, about 1.4 times here: a message is received 1 / (1 − 0.3) ≈ 1.43 times on average',
    check: () => {
      const q = m(runOf('messaging-dlq'), 'orders');
      between(q.received / q.sent, 1.35, 1.45);
      // With at most 5 receives: (1 − 0.3⁵) / (1 − 0.3).
      expect((1 - 0.3 ** 5) / 0.7).toBeCloseTo(1.425, 3);
    },
  },
  {
    template: 'messaging-dlq',
    says: 'The chance that a message fails 5 times in a row is 0.3⁵ ≈ 0.24 %. That is about 1 message in 400',
    check: () => {
      expect(0.3 ** 5).toBeCloseTo(0.00243, 5);
      const r = runOf('messaging-dlq');
      // Only messages sent before the last 5 minutes can fail 5 times 60 s apart within the run.
      const couldDeadLetter = m(r, 'orders').sent * ((r.simulatedSeconds - 300) / r.simulatedSeconds);
      // Binomial: expected about 43; the bounds are about ±3.5 standard deviations.
      between(m(r, 'orders-dlq').sent, 0.0024 * couldDeadLetter - 23, 0.0024 * couldDeadLetter + 23);
      expect(r.totals.deadLettered).toBe(m(r, 'orders-dlq').sent);
    },
  },
  {
    template: 'messaging-dlq',
    says: 'Turn it off and a failure fails the whole batch: all of its messages come back, those that had gone through included',
    check: () => {
      const off = m(
        runOf('messaging-dlq', 'no item failures', (d) => {
          edge(d, 'orders', 'fulfil').params.reportBatchItemFailures = false;
        }),
        'orders',
      );
      // A failed batch returns every message it held: the share of batches that fail is the
      // share of receives that come back, about 30 % (the error rate, now per batch).
      between(off.failedBatches / off.batches, 0.27, 0.33);
      between(off.returned / off.received, 0.27, 0.33);
      between(off.returned / off.failedBatches, 1, 10);
      expect(off.returned).toBeGreaterThan(off.failedBatches);
      // "so here about as many messages come back as before"
      between(off.returned / m(runOf('messaging-dlq'), 'orders').returned, 0.9, 1.1);
    },
  },
  {
    template: 'messaging-dlq',
    says: 'set `maxReceiveCount` to 2 and watch the DLQ fill (and the warning about values below 5). Or shorten the visibility timeout below 6 × the consumer',
    check: () => {
      const two = runOf('messaging-dlq', 'maxReceiveCount 2', (d) => {
        node(d, 'orders').params.maxReceiveCount = 2;
      });
      expect(m(two, 'orders-dlq').sent).toBeGreaterThan(10 * m(runOf('messaging-dlq'), 'orders-dlq').sent);
      expect(two.warnings.join(' ')).toMatch(/maxReceiveCount|receive/i);
      const d = load('messaging-dlq');
      // 6 × the consumer's 6 s + its 2 s batch window = 38 s: 60 s is enough, 30 s is not.
      expect(validateScenario(d).ok && validateScenario(d).findings.map((f) => f.check)).not.toContain(
        'visibility-timeout',
      );
      node(d, 'orders').params.visibilityTimeoutSeconds = 30;
      const v = validateScenario(d);
      expect(v.ok && v.findings.map((f) => f.check)).toContain('visibility-timeout');
    },
  },
  // ---- fan-out -----------------------------------------------------------------------------
  {
    template: 'fan-out',
    says: "The topic's `delivered` = 2 × uploads + image uploads, and `filteredOut` = video uploads",
    check: () => {
      const r = runOf('fan-out');
      const t = m(r, 'uploaded');
      const images = m(r, 'thumbnails').invocations;
      expect(t.delivered).toBe(2 * t.published + images);
      expect(t.filteredOut).toBe(t.published - images);
    },
  },
  {
    template: 'fan-out',
    says: '20 events/s become about one invocation every 5 s',
    check: () => {
      const r = runOf('fan-out');
      between(m(r, 'users').meanRatePerSecond, 19, 21);
      between(r.simulatedSeconds / m(r, 'analytics').invocations, 4.5, 5.5);
    },
  },
  {
    template: 'fan-out',
    says: 'Try: connect a second function directly to the bucket. Validation refuses it',
    check: () => {
      const d = load('fan-out');
      const bucket = d.nodes.find((n: Doc) => n.kind === 'bucket').id;
      d.edges.push({ id: 'second', source: bucket, target: 'indexer' });
      const v = validateScenario(d);
      expect(v.ok).toBe(false);
      expect(!v.ok && v.errors.map((e) => e.check)).toContain('s3-destinations');
    },
  },
  {
    template: 'fan-out',
    says: 'SNS bills each publish once, however many subscribers it has',
    check: () => {
      const r = runOf('fan-out');
      // 1 KB events: one request per publish, deliveries to Lambda and SQS free.
      expect(r.nodes.uploaded.cost.totalUsd).toBeCloseTo(
        (m(r, 'uploaded').published * SNS.publishes.usd) / 1e6,
        9,
      );
    },
  },
  // ---- sync-vs-async -----------------------------------------------------------------------
  {
    template: 'sync-vs-async',
    says: 'the same slow job (about 2 s)',
    check: () => between(latency(runOf('sync-vs-async'), 'job').mean, 1800, 2200),
  },
  {
    template: 'sync-vs-async',
    says: 'bottom: the API answers in about 30 ms',
    check: () => {
      const r = runOf('sync-vs-async');
      between(latency(r, 'asyncApi').mean, 20, 40);
      // "The asynchronous API answers in about 30 ms" (the lesson) and the top waits for the job.
      expect(text('sync-vs-async')).toContain('The asynchronous API answers in about 30 ms');
      expect(latency(r, 'syncApi').p50).toBeGreaterThan(1500);
    },
  },
  {
    template: 'sync-vs-async',
    says: 'Lambda retries by itself (twice) and then gives up',
    check: () => {
      const r = runOf('sync-vs-async');
      expect(node(load('sync-vs-async'), 'asyncJob').params.asyncRetries ?? 2).toBe(2);
      expect(m(r, 'asyncJob').retries).toBeGreaterThan(0);
      expect(r.totals.dropped).toBeGreaterThan(0);
    },
  },
  // ---- scheduled-jobs ----------------------------------------------------------------------
  {
    template: 'scheduled-jobs',
    says: 'about half a minute of compute an hour, about 9 cents a month',
    check: () => {
      const r = runOf('scheduled-jobs');
      const hours = r.simulatedSeconds / 3600;
      const busy = ['check', 'cleanup'].reduce((s, id) => s + m(r, id).invocations * latency(r, id).mean, 0);
      between(busy / 1000 / hours, 20, 40);
      const cents =
        100 * (monthlyOf('scheduled-jobs', r, 'check') + monthlyOf('scheduled-jobs', r, 'cleanup'));
      between(cents, 7, 11);
      expect(text('scheduled-jobs')).toContain(
        'the functions run about half a minute an hour and cost about 9 cents a month',
      );
      // "Most of this diagram's bill is the bucket's 50 GB of storage."
      expect(r.nodes.files.cost.totalUsd).toBeGreaterThan(r.totals.costUsd / 2);
    },
  },
  {
    template: 'scheduled-jobs',
    says: 'the 10-minute keep-alive this run assumes (AWS does not publish it; observers saw 5 to 65 minutes)',
    check: () => {
      const v = validateScenario(load('scheduled-jobs'));
      expect(v.ok).toBe(true);
      const fn = v.ok && v.scenario.nodes.find((n) => n.id === 'check');
      expect(fn && fn.params.keepAliveSeconds).toBe(600);
      const r = runOf('scheduled-jobs');
      expect(m(r, 'check').coldStarts).toBe(1);
      expect(m(r, 'cleanup').coldStarts).toBe(m(r, 'cleanup').invocations);
    },
  },
  // ---- eventbridge-routing -----------------------------------------------------------------
  {
    template: 'eventbridge-routing',
    says: 'An `OrderPlaced` event matches 3 rules, a `PaymentFailed` only 2',
    check: () => {
      const d = load('eventbridge-routing');
      const rules = new Set<string>();
      const matching = (type: string) => {
        rules.clear();
        for (const e of d.edges.filter((x: Doc) => x.source === 'bus' && (x.role ?? 'invoke') === 'invoke')) {
          const types: string[] | undefined = e.params?.pattern?.type;
          if (!types || types.includes(type)) rules.add(JSON.stringify(types ?? null));
        }
        return rules.size;
      };
      expect(matching('OrderPlaced')).toBe(3);
      expect(matching('PaymentFailed')).toBe(2);
    },
  },
  {
    template: 'eventbridge-routing',
    says: 'about $1 per million, which is twice SNS',
    check: () => {
      expect(EVENTBRIDGE.customEvents.usd).toBe(1);
      expect(EVENTBRIDGE.customEvents.usd).toBe(2 * SNS.publishes.usd);
      const r = runOf('eventbridge-routing');
      expect(r.nodes.bus.cost.totalUsd).toBeCloseTo(m(r, 'bus').putEvents / 1e6, 9);
    },
  },
  {
    template: 'eventbridge-routing',
    says: 'The support worker sees only the rare event types, about 15 % of traffic',
    check: () => {
      const r = runOf('eventbridge-routing');
      between(m(r, 'supportQueue').sent / m(r, 'bus').putEvents, 0.13, 0.17);
    },
  },
  // ---- limits-timeout-concurrency ----------------------------------------------------------
  {
    template: 'limits-timeout-concurrency',
    says: 'Requests arrive at 25 per second and each takes about 0.5 s: about 12 at once on average, but the function may only run 10',
    check: () => {
      const r = runOf('limits-timeout-concurrency');
      const offered = m(r, 'users').meanRatePerSecond * (latency(r, 'report').mean / 1000);
      between(offered, 11, 13);
      expect(m(r, 'report').maxConcurrency).toBe(10);
    },
  },
  {
    template: 'limits-timeout-concurrency',
    says: 'Some batch jobs need longer than 15 minutes: Lambda stops them at 900 s',
    check: () => {
      const r = runOf('limits-timeout-concurrency');
      expect(m(r, 'batch').timeouts).toBeGreaterThan(0);
      expect(latency(r, 'batch').max).toBe(900_000);
    },
  },
  {
    template: 'limits-timeout-concurrency',
    says: 'raise reservedConcurrency to 50 (the throttles vanish)',
    check: () => {
      const r = runOf('limits-timeout-concurrency', 'reserved 50', (d) => {
        node(d, 'report').params.reservedConcurrency = 50;
      });
      expect(m(r, 'report').throttles).toBe(0);
      expect(m(r, 'api').errors).toBe(0);
    },
  },
  // ---- upload-transcode-notify -------------------------------------------------------------
  {
    template: 'upload-transcode-notify',
    says: 'Transcoding takes about 20 s, so even 0.5 uploads/s keep about 10 environments busy',
    check: () => {
      const r = runOf('upload-transcode-notify');
      between(latency(r, 'transcode').mean, 18_000, 22_000);
      between(m(r, 'transcode').meanConcurrency, 9, 11);
    },
  },
  {
    template: 'upload-transcode-notify',
    says: "The transcoder's compute (3,008 MB for 20 s per video) is most of the bill. Storage is next: the renditions bucket holds three times the originals",
    check: () => {
      const r = runOf('upload-transcode-notify');
      const costs = Object.entries(r.nodes)
        .map(([id, n]) => [id, n.cost.totalUsd] as const)
        .sort((a, b) => b[1] - a[1]);
      expect(costs[0][0]).toBe('transcode');
      expect(costs[0][1]).toBeGreaterThan(r.totals.costUsd / 2);
      expect(costs[1][0]).toBe('renditions');
      const d = load('upload-transcode-notify');
      expect(node(d, 'renditions').params.storedGB).toBe(3 * node(d, 'raw').params.storedGB);
      expect(m(r, 'renditions').puts).toBe(3 * m(r, 'ready').published);
    },
  },
  {
    template: 'upload-transcode-notify',
    says: 'An S3 GET costs less than a tenth of a PUT',
    check: () => expect(S3.get.usd / S3.get.per).toBeLessThan(S3.put.usd / S3.put.per / 10),
  },
  // ---- kinesis-analytics -------------------------------------------------------------------
  {
    template: 'kinesis-analytics',
    says: 'At 1,000/s it stays under 3 s (each shard is polled once a second). During the spike it climbs to about 20 s',
    check: () => {
      const r = runOf('kinesis-analytics', '', undefined, true);
      const before = seriesBetween(r, 'clickstream.iteratorAgeSeconds', 10, 240);
      expect(Math.max(...before)).toBeLessThan(3);
      between(m(r, 'clickstream').maxIteratorAgeSeconds, 17, 23);
    },
  },
  {
    template: 'kinesis-analytics',
    says: 'shards × batch size ÷ duration = 4 × 200 ÷ 0.3 s ≈ 2,700 records/s',
    check: () => {
      const d = load('kinesis-analytics');
      expect(node(d, 'clickstream').params.shards).toBe(4);
      expect(edge(d, 'clickstream', 'aggregate').params.batchSize).toBe(200);
      between(latency(runOf('kinesis-analytics'), 'aggregate').mean, 270, 330);
      expect((4 * 200) / 0.3).toBeCloseTo(2667, 0);
    },
  },
  {
    template: 'kinesis-analytics',
    says: 'so 4 shards take 4,000/s; the spike fits and `writeThrottles` stays 0',
    check: () => expect(m(runOf('kinesis-analytics'), 'clickstream').writeThrottles).toBe(0),
  },
  {
    template: 'kinesis-analytics',
    says: 'shard-hours are paid whatever the traffic (4 × $0.015 an hour)',
    check: () => expect(KINESIS.shardHour.usd).toBe(0.015),
  },
  {
    template: 'kinesis-analytics',
    says: 'set `parallelizationFactor` to 2: two batches per shard run at once (order is still kept per partition key), and the spike no longer builds a backlog',
    check: () => {
      const r = runOf('kinesis-analytics', 'pf 2', (d) => {
        edge(d, 'clickstream', 'aggregate').params.parallelizationFactor = 2;
      });
      expect(m(r, 'aggregate').maxConcurrency).toBe(8);
      expect(m(r, 'clickstream').maxIteratorAgeSeconds).toBeLessThan(5);
    },
  },
  {
    template: 'kinesis-analytics',
    says: "shard 0 is offered ~1,400 records/s during the spike, more than it takes. Writes are throttled and, after the writer's retries, dropped",
    check: () => {
      // 3,000/s: 30 % on the hot key, the other 70 % spread over the 4 shards.
      expect(3000 * (0.3 + 0.7 / 4)).toBeCloseTo(1425, 6);
      const r = runOf('kinesis-analytics', 'hot key', (d) => {
        node(d, 'clickstream').params.hotKeyFraction = 0.3;
      });
      expect(m(r, 'clickstream').writeThrottles).toBeGreaterThan(0);
      expect(m(r, 'clickstream').writesDropped).toBeGreaterThan(0);
    },
  },
  {
    template: 'kinesis-analytics',
    says: 'Lower `batchSize` to 50 and watch the iterator age climb even at the baseline rate',
    check: () => {
      const r = runOf(
        'kinesis-analytics',
        'batch 50',
        (d) => {
          edge(d, 'clickstream', 'aggregate').params.batchSize = 50;
        },
        true,
      );
      const before = seriesBetween(r, 'clickstream.iteratorAgeSeconds', 10, 240);
      expect(before[before.length - 1]).toBeGreaterThan(10 * before[0]);
    },
  },
  // ---- kinesis-poison-record ---------------------------------------------------------------
  {
    template: 'kinesis-poison-record',
    says: "One shard's age climbs one second per second for a whole day, up to 86,400 s (the retention). The other three stay under half a minute",
    check: () => {
      const r = runOf('kinesis-poison-record', '', undefined, true);
      const peaks = [0, 1, 2, 3].map((i) =>
        Math.max(...seriesBetween(r, `stream.shard${i}.iteratorAgeSeconds`, 0, r.simulatedSeconds)),
      );
      expect(peaks.filter((p) => p > 86_000)).toHaveLength(1);
      expect(peaks.filter((p) => p < 30)).toHaveLength(3);
      expect(m(r, 'stream').maxIteratorAgeSeconds).toBe(86_400);
    },
  },
  {
    template: 'kinesis-poison-record',
    says: 'tens of thousands of failed invocations',
    check: () => between(m(runOf('kinesis-poison-record'), 'processor').errors, 10_000, 99_999),
  },
  {
    template: 'kinesis-poison-record',
    says: 'After 24 hours the poison record and the readings before it in its batch expire (`expired`, counted as dropped)',
    check: () => {
      const r = runOf('kinesis-poison-record');
      expect(m(r, 'stream').expired).toBeGreaterThan(0);
      expect(r.totals.dropped).toBe(m(r, 'stream').expired);
    },
  },
  {
    template: 'kinesis-poison-record',
    says: "the function's `errorRate` (here about 1 in 770,000)",
    check: () =>
      between(1 / node(load('kinesis-poison-record'), 'processor').params.errorRate, 700_000, 840_000),
  },
  {
    template: 'kinesis-poison-record',
    says: 'Set `maximumRecordAgeSeconds` to 300 on the stream → function edge: the stuck batch is given up after 5 minutes',
    check: () => {
      const r = runOf('kinesis-poison-record', 'max age 300', (d) => {
        edge(d, 'stream', 'processor').params.maximumRecordAgeSeconds = 300;
      });
      between(m(r, 'stream').maxIteratorAgeSeconds, 300, 360);
    },
  },
  // ---- kinesis-poison-bisect ---------------------------------------------------------------
  {
    template: 'kinesis-poison-bisect',
    says: 'its age peaks under 30 s, against about 21 s for the others',
    check: () => {
      const r = runOf('kinesis-poison-bisect', '', undefined, true);
      const peaks = [0, 1, 2, 3].map((i) =>
        Math.max(...seriesBetween(r, `stream.shard${i}.iteratorAgeSeconds`, 0, r.simulatedSeconds)),
      );
      peaks.sort((a, b) => b - a);
      expect(peaks[0]).toBeLessThan(30);
      for (const p of peaks.slice(1)) between(p, 19, 24);
    },
  },
  {
    template: 'kinesis-poison-bisect',
    says: '6 splits, counted in `bisects`, not in `retries`). The good halves go through, and the lone bad record is retried twice',
    check: () => {
      const s = m(runOf('kinesis-poison-bisect'), 'stream');
      expect(s.bisects).toBe(6);
      expect(s.retries).toBe(2);
    },
  },
  {
    template: 'kinesis-poison-bisect',
    says: 'The queue receives **one** message (`onFailureMessages` 1, `deadLettered` 1)',
    check: () => {
      const r = runOf('kinesis-poison-bisect');
      expect(m(r, 'stream').onFailureMessages).toBe(1);
      expect(m(r, 'stream').deadLettered).toBe(1);
      expect(m(r, 'stream').expired).toBe(0);
      expect(r.totals.deadLettered).toBe(1);
    },
  },
  {
    template: 'kinesis-poison-bisect',
    says: 'Turn `bisectBatchOnError` off: the whole batch of 40-odd records fails 3 times and all of it goes to the queue',
    check: () => {
      const r = runOf('kinesis-poison-bisect', 'no bisect', (d) => {
        edge(d, 'stream', 'processor').params.bisectBatchOnError = false;
      });
      expect(m(r, 'stream').failedBatches).toBe(3);
      between(m(r, 'stream').deadLettered, 30, 60);
    },
  },
  // ---- compare-* ---------------------------------------------------------------------------
  {
    template: 'compare-functions',
    says: 'of the 30 % `files` requests one in ten uploads, a PUT',
    check: () => {
      const r = runOf('compare-functions');
      const n = m(r, 'clients').requests;
      between(m(r, 'fileStore').puts / (0.3 * n), 0.08, 0.12);
      // "puts a job on the queue for 1 request in 10"
      between(m(r, 'renderJobs').sent / n, 0.09, 0.11);
    },
  },
  {
    template: 'compare-tiered',
    says: 'Three instances always run',
    check: () => {
      const r = runOf('compare-tiered');
      for (const id of ['apiTier', 'filesTier', 'renderTier'])
        expect(m(r, id).meanInstances).toBeGreaterThanOrEqual(1);
    },
  },
  {
    template: 'compare-monolith',
    says: "The node's summary names the cheapest type that fits (t3.medium)",
    check: () => {
      const p = validateScenario(load('compare-monolith'));
      const app = p.ok && p.scenario.nodes.find((n) => n.id === 'app')!;
      expect(app && smallestFittingInstance(app.params.components as never)).toBe('t3.medium');
      // "One pool of 4 request slots per instance"
      expect(app && app.params.concurrencyPerInstance).toBe(4);
    },
  },
  {
    template: 'compare-monolith',
    says: 'set instanceType to t3.small and read the warning',
    check: () => {
      const d = load('compare-monolith');
      node(d, 'app').params.instanceType = 't3.small';
      const v = validateScenario(d);
      expect(v.ok && v.findings.map((f) => f.check)).toContain('server-fit');
    },
  },
];

describe('note and lesson numbers match runs of their templates', () => {
  for (const c of CLAIMS) {
    it(`${c.template}: "${c.says}"`, () => {
      expect(text(c.template)).toContain(c.says.replace(/"/g, '\\"'));
      c.check();
    }, 120_000);
  }
});
