import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/engine/scenario/validate';
import { doc, errorsOf } from './build';

function edgeParams(
  nodes: { id: string; kind: string; params?: Record<string, unknown> }[],
  edge: { source: string; target: string; role?: string; params?: Record<string, unknown> },
) {
  const r = validateScenario(doc(nodes, [edge]));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario.edges[0].params;
}

describe('edge params: defaults depend on the connection', () => {
  it('an SQS poller batches 10, with no window and no concurrency cap', () => {
    expect(
      edgeParams(
        [
          { id: 'q', kind: 'queue' },
          { id: 'f', kind: 'function' },
        ],
        { source: 'q', target: 'f' },
      ),
    ).toEqual({
      batchSize: 10,
      batchWindowSeconds: 0,
      reportBatchItemFailures: false,
    });
  });

  it('a Kinesis or DynamoDB poller batches 100 and retries until the records expire', () => {
    const expected = {
      batchSize: 100,
      batchWindowSeconds: 0,
      parallelizationFactor: 1,
      maximumRetryAttempts: -1,
      maximumRecordAgeSeconds: -1,
      bisectBatchOnError: false,
    };
    expect(
      edgeParams(
        [
          { id: 's', kind: 'stream' },
          { id: 'f', kind: 'function' },
        ],
        { source: 's', target: 'f' },
      ),
    ).toEqual(expected);
    expect(
      edgeParams(
        [
          { id: 't', kind: 'table', params: { streamEnabled: true } },
          { id: 'f', kind: 'function' },
        ],
        { source: 't', target: 'f' },
      ),
    ).toEqual(expected);
  });

  it('function → function is async, once per request', () => {
    expect(
      edgeParams(
        [
          { id: 'f', kind: 'function' },
          { id: 'g', kind: 'function' },
        ],
        { source: 'f', target: 'g' },
      ),
    ).toEqual({ mode: 'async', perRequest: 1 });
  });

  it('a send counts perRequest', () => {
    expect(
      edgeParams(
        [
          { id: 'p', kind: 'producer' },
          { id: 'q', kind: 'queue' },
        ],
        { source: 'p', target: 'q', params: { perRequest: 0.5 } },
      ),
    ).toEqual({ perRequest: 0.5 });
  });

  it('a topic subscription filters; a bus rule has a pattern; both default to everything', () => {
    expect(
      edgeParams(
        [
          { id: 't', kind: 'topic' },
          { id: 'q', kind: 'queue' },
        ],
        { source: 't', target: 'q', params: { filter: { type: ['A'] } } },
      ),
    ).toEqual({ filter: { type: ['A'] } });
    expect(
      edgeParams(
        [
          { id: 'b', kind: 'eventBus' },
          { id: 'q', kind: 'queue' },
        ],
        { source: 'b', target: 'q' },
      ),
    ).toEqual({});
  });

  it('a container worker receives at most 10 messages per call', () => {
    expect(
      edgeParams(
        [
          { id: 'q', kind: 'queue' },
          { id: 'c', kind: 'container' },
        ],
        { source: 'q', target: 'c' },
      ).batchSize,
    ).toBe(10);
    expect(
      errorsOf(
        doc(
          [
            { id: 'q', kind: 'queue' },
            { id: 'c', kind: 'container' },
          ],
          [{ source: 'q', target: 'c', params: { batchSize: 50 } }],
        ),
      ),
    ).toEqual(['edges[0].params.batchSize (edge "e1"): 50 — must be 1–10 messages']);
  });
});

describe('edge params: ranges and misplaced params', () => {
  const poller = (params: Record<string, unknown>) =>
    doc(
      [
        { id: 's', kind: 'stream' },
        { id: 'f', kind: 'function' },
      ],
      [{ source: 's', target: 'f', params }],
    );
  const sqs = (params: Record<string, unknown>) =>
    doc(
      [
        { id: 'q', kind: 'queue' },
        { id: 'f', kind: 'function' },
      ],
      [{ source: 'q', target: 'f', params }],
    );

  it.each([
    [
      { parallelizationFactor: 11 },
      'edges[0].params.parallelizationFactor (edge "e1"): 11 — must be 1–10 per shard',
    ],
    [
      { maximumRetryAttempts: -2 },
      'edges[0].params.maximumRetryAttempts (edge "e1"): -2 — must be from -1 to 10,000 retries',
    ],
    [
      { maximumRecordAgeSeconds: 30 },
      'edges[0].params.maximumRecordAgeSeconds (edge "e1"): 30 — must be -1 (no limit) or 60–604,800 s',
    ],
    [
      { maximumRecordAgeSeconds: 700000 },
      'edges[0].params.maximumRecordAgeSeconds (edge "e1"): 700000 — must be -1 (no limit) or 60–604,800 s',
    ],
    [{ batchSize: 20000 }, 'edges[0].params.batchSize (edge "e1"): 20000 — must be 1–10,000 records'],
    [{ batchWindowSeconds: 301 }, 'edges[0].params.batchWindowSeconds (edge "e1"): 301 — must be 0–300 s'],
    [{ bisectBatchOnError: 1 }, 'edges[0].params.bisectBatchOnError (edge "e1"): 1 — must be true or false'],
  ])('stream poller %j', (params, line) => {
    expect(errorsOf(poller(params))).toEqual([line]);
  });

  it('maximumRecordAgeSeconds takes -1 or 60–604,800', () => {
    expect(validateScenario(poller({ maximumRecordAgeSeconds: -1 })).ok).toBe(true);
    expect(validateScenario(poller({ maximumRecordAgeSeconds: 60 })).ok).toBe(true);
  });

  it.each([
    [
      { maximumConcurrency: 1 },
      'edges[0].params.maximumConcurrency (edge "e1"): 1 — must be 2–1000 invocations',
    ],
    [
      { batchSize: 10001, batchWindowSeconds: 5 },
      'edges[0].params.batchSize (edge "e1"): 10001 — must be 1–10,000 messages',
    ],
  ])('SQS poller %j', (params, line) => {
    expect(errorsOf(sqs(params))).toEqual([line]);
  });

  it('perRequest is 0–100', () => {
    expect(
      errorsOf(
        doc(
          [
            { id: 'f', kind: 'function' },
            { id: 'q', kind: 'queue' },
          ],
          [{ source: 'f', target: 'q', params: { perRequest: 101 } }],
        ),
      ),
    ).toEqual(['edges[0].params.perRequest (edge "e1"): 101 — must be 0–100 per request']);
  });

  it('mode is sync or async', () => {
    expect(
      errorsOf(
        doc(
          [
            { id: 'f', kind: 'function' },
            { id: 'g', kind: 'function' },
          ],
          [{ source: 'f', target: 'g', params: { mode: 'event' } }],
        ),
      ),
    ).toEqual(['edges[0].params.mode (edge "e1"): "event" — must be one of: sync, async']);
  });

  it('a filter names at least one type', () => {
    expect(
      errorsOf(
        doc(
          [
            { id: 't', kind: 'topic' },
            { id: 'q', kind: 'queue' },
          ],
          [{ source: 't', target: 'q', params: { filter: { type: [] } } }],
        ),
      ),
    ).toEqual([
      'edges[0].params.filter.type (edge "e1"): [] — must name at least one event type (leave out the filter to match every event)',
    ]);
  });

  it('filter belongs to SNS, pattern to EventBridge', () => {
    expect(
      errorsOf(
        doc(
          [
            { id: 'b', kind: 'eventBus' },
            { id: 'f', kind: 'function' },
          ],
          [{ source: 'b', target: 'f', params: { filter: { type: ['A'] } } }],
        ),
      ),
    ).toEqual([
      'edges[0].params.filter (edge "e1"): {"type":["A"]} — is for SNS subscriptions; an EventBridge rule matches with "pattern"',
    ]);
    expect(
      errorsOf(
        doc(
          [
            { id: 's', kind: 'schedule' },
            { id: 'f', kind: 'function' },
          ],
          [{ source: 's', target: 'f', params: { pattern: { type: ['A'] } } }],
        ),
      ),
    ).toEqual([
      'edges[0].params.pattern (edge "e1"): {"type":["A"]} — is not a parameter here: a schedule → a Lambda function ("async") takes no parameters',
    ]);
  });

  it('a connection without params refuses any', () => {
    expect(
      errorsOf(
        doc(
          [
            { id: 'p', kind: 'producer' },
            { id: 'api', kind: 'apiGateway' },
          ],
          [{ source: 'p', target: 'api', params: { perRequest: 1 } }],
        ),
      ),
    ).toEqual([
      'edges[0].params.perRequest (edge "e1"): 1 — is not a parameter here: a producer → an API Gateway ("request") takes no parameters',
    ]);
  });
});
