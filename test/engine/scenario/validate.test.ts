import { describe, expect, it } from 'vitest';
import {
  formatIssue,
  parseScenarioOrThrow,
  ScenarioError,
  validateScenario,
} from '../../../src/engine/scenario/validate';
import { doc, errorsOf, issuesOf } from './build';

const fn = (id: string, params: Record<string, unknown> = {}) => ({ id, kind: 'function', params });
const queue = (id: string, params: Record<string, unknown> = {}) => ({ id, kind: 'queue', params });

describe('the envelope', () => {
  it('fills in every setting', () => {
    const r = validateScenario({ version: 1 });
    expect(r.ok && r.scenario).toMatchObject({
      format: 'serverless-sim.scenario',
      notes: '',
      nodes: [],
      edges: [],
      settings: {
        durationSeconds: 600,
        warmupSeconds: 0,
        seed: 1,
        region: 'us-east-1',
        includeFreeTier: false,
        lambdaBillingGranularityMs: 1,
        accountConcurrency: 1000,
        startTime: '2026-01-05T00:00:00Z',
      },
    });
  });

  it.each([
    [{ durationSeconds: 0 }, 'settings.durationSeconds: 0 — must be 1–2,592,000 s'],
    [{ warmupSeconds: 600 }, 'settings.warmupSeconds: 600 — must be less than durationSeconds (600 s)'],
    [{ seed: 1.5 }, 'settings.seed: 1.5 — must be a whole number (must be 0–4,294,967,295)'],
    [{ seed: 2 ** 32 }, 'settings.seed: 4294967296 — must be 0–4,294,967,295'],
    [
      { region: 'eu-west-1' },
      'settings.region: "eu-west-1" — must be one of: us-east-1 (the regions with a price table)',
    ],
    [
      { lambdaBillingGranularityMs: 10 },
      'settings.lambdaBillingGranularityMs: 10 — must be 1 (since Dec 2020) or 100 (before)',
    ],
    [{ includeFreeTier: 'yes' }, 'settings.includeFreeTier: "yes" — must be true or false'],
    [{ accountConcurrency: 0 }, 'settings.accountConcurrency: 0 — must be 1–1,000,000 environments'],
    [
      { startTime: 'Monday' },
      'settings.startTime: "Monday" — must be an ISO 8601 date-time, e.g. 2026-01-05T00:00:00Z',
    ],
  ])('settings %j', (settings, line) => {
    expect(errorsOf(doc([], [], settings))).toEqual([line]);
  });

  it('refuses a result file with a hint', () => {
    expect(errorsOf({ format: 'serverless-sim.result', version: 1 })).toEqual([
      'format: "serverless-sim.result" — this is a result file ("serverless-sim.result"), not a scenario: open the scenario it came from',
    ]);
  });

  it('refuses an unknown kind, naming the kinds', () => {
    expect(errorsOf(doc([{ id: 'x', kind: 'lambda' }]))[0]).toMatch(
      /^nodes\[0\]\.kind \(node "x"\): "lambda" — must be one of: producer, schedule, apiGateway, function, /,
    );
  });

  it('ids must be present and non-empty', () => {
    expect(errorsOf(doc([{ id: '', kind: 'queue' }]))).toEqual(['nodes[0].id: "" — must not be empty']);
    expect(errorsOf({ version: 1, nodes: [{ kind: 'queue' }] })).toEqual([
      "nodes[0].id: is required (the node's id)",
    ]);
    expect(errorsOf(doc([queue('q')], [{ id: '', source: 'q', target: 'q', role: 'dlq' }]))[0]).toBe(
      'edges[0].id: "" — must not be empty',
    );
  });

  it('labels are plain text', () => {
    expect(errorsOf(doc([{ id: 'q', kind: 'queue', label: '<img src=x onerror=alert(1)>' }]))).toEqual([
      'nodes[0].label (node "q"): "<img src=x onerror=alert(1)>" — must be plain text (no HTML tags)',
    ]);
    expect(validateScenario(doc([{ id: 'q', kind: 'queue', label: 'Orders < 5 € & more' }])).ok).toBe(true);
    expect(errorsOf(doc([{ id: 'q', kind: 'queue', label: 'bell\u0007' }]))).toEqual([
      'nodes[0].label (node "q"): "bell\\u0007" — must be plain text (no control characters)',
    ]);
  });

  it('an unknown node param is an error that suggests the right name', () => {
    expect(errorsOf(doc([fn('orders', { memoryMb: 512 })]))).toEqual([
      'nodes[0].params.memoryMb (node "orders"): 512 — is not a parameter of Lambda function: did you mean "memoryMB"?',
    ]);
    expect(errorsOf(doc([{ id: 't', kind: 'topic', params: { fifo: true } }]))).toEqual([
      'nodes[0].params.fifo (node "t"): true — is not a parameter: SNS topic has none here',
    ]);
  });

  it('unknown envelope fields are ignored with a warning', () => {
    const r = validateScenario({ ...doc([queue('q')]), author: 'me' });
    expect(r.ok && r.warnings).toContain('author is not a scenario field; it was ignored');
  });

  it('paths point inside params, with the node id and the fix', () => {
    const [issue] = issuesOf(doc([queue('a'), fn('b'), fn('orders', { memoryMB: 64 })]));
    expect(issue).toEqual({
      path: 'nodes[2].params.memoryMB',
      message: 'must be 128–10,240 MB',
      value: 64,
      nodeId: 'orders',
    });
    expect(formatIssue(issue)).toBe('nodes[2].params.memoryMB (node "orders"): 64 — must be 128–10,240 MB');
  });

  it('reports all problems at once', () => {
    expect(
      errorsOf(doc([fn('f', { memoryMB: 1 }), queue('q', { type: 'x' })], [], { durationSeconds: -1 })),
    ).toHaveLength(3);
  });
});

describe('graph checks', () => {
  it('node ids are unique', () => {
    expect(errorsOf(doc([queue('q'), fn('f'), queue('q')]))).toEqual([
      'nodes[2].id (node "q"): "q" — duplicate node id "q" (also nodes[0]): ids must be unique',
    ]);
  });

  it('edge ids are unique', () => {
    const d = doc(
      [fn('f'), queue('q')],
      [
        { id: 'e', source: 'f', target: 'q' },
        { id: 'e', source: 'f', target: 'q' },
      ],
    );
    expect(errorsOf(d)).toEqual([
      'edges[1].id (edge "e"): "e" — duplicate edge id "e" (also edges[0]): ids must be unique',
    ]);
  });

  it('edges reference existing nodes', () => {
    expect(errorsOf(doc([fn('f')], [{ source: 'f', target: 'nope' }]))).toEqual([
      'edges[0].target (edge "e1"): "nope" — no node has id "nope" (ids: f)',
    ]);
  });

  it('a connection the services do not allow is refused with the reason', () => {
    expect(errorsOf(doc([queue('q'), { id: 't', kind: 'topic' }], [{ source: 'q', target: 't' }]))).toEqual([
      'edges[0] (edge "e1"): An SQS queue cannot hand work to an SNS topic: an SQS queue is polled by a Lambda function, a container service or an EventBridge pipe; dead-letters to an SQS queue.',
    ]);
  });

  it('a role the connection does not have is refused', () => {
    expect(errorsOf(doc([fn('f'), fn('g')], [{ source: 'f', target: 'g', role: 'dlq' }]))).toEqual([
      'edges[0] (edge "e1"): A Lambda function can connect to a Lambda function only as "invoke" or "onSuccess" or "onFailure", not "dlq".',
    ]);
    expect(errorsOf(doc([fn('f'), fn('g')], [{ source: 'f', target: 'g', role: 'retry' }]))[0]).toBe(
      'edges[0].role (edge "e1"): "retry" — must be one of: invoke, dlq, onFailure, onSuccess',
    );
  });

  it('edge params are checked for their connection', () => {
    expect(
      errorsOf(doc([queue('q'), fn('f')], [{ source: 'q', target: 'f', params: { batchSize: 0 } }])),
    ).toEqual(['edges[0].params.batchSize (edge "e1"): 0 — must be 1–10,000 messages']);
  });

  it('unknown edge params are errors naming the allowed ones', () => {
    expect(
      errorsOf(doc([queue('q'), fn('f')], [{ source: 'q', target: 'f', params: { perRequest: 2 } }])),
    ).toEqual([
      'edges[0].params.perRequest (edge "e1"): 2 — is not a parameter of an SQS queue → a Lambda function ("poller"); allowed: batchSize, batchWindowSeconds, maximumConcurrency, reportBatchItemFailures',
    ]);
  });

  it('reserved concurrency leaves 100 of the account unreserved', () => {
    const d = doc([fn('a', { reservedConcurrency: 500 }), fn('b', { reservedConcurrency: 450 })]);
    expect(errorsOf(d)).toEqual([
      'nodes[1].params.reservedConcurrency (node "b"): 450 — reserved concurrency adds up to 950 (a 500, b 450), but only 900 may be reserved: 100 of the account\'s 1000 must stay unreserved. Reserve less, or raise settings.accountConcurrency',
    ]);
    expect(
      validateScenario(doc([fn('a', { reservedConcurrency: 500 }), fn('b', { reservedConcurrency: 400 })]))
        .ok,
    ).toBe(true);
    expect(
      validateScenario(
        doc([fn('a', { reservedConcurrency: 500 }), fn('b', { reservedConcurrency: 450 })], [], {
          accountConcurrency: 2000,
        }),
      ).ok,
    ).toBe(true);
  });

  it("a FIFO queue's poller takes at most 10 messages", () => {
    const d = doc(
      [queue('q', { type: 'fifo' }), fn('f')],
      [{ source: 'q', target: 'f', params: { batchSize: 11, batchWindowSeconds: 1 } }],
    );
    expect(errorsOf(d)).toEqual([
      'edges[0].params.batchSize (edge "e1"): 11 — must be 1–10 messages for a FIFO queue',
    ]);
  });

  it('an SQS batch above 10 needs a batch window of at least 1 s', () => {
    const d = doc([queue('q'), fn('f')], [{ source: 'q', target: 'f', params: { batchSize: 100 } }]);
    expect(errorsOf(d)).toEqual([
      'edges[0].params.batchWindowSeconds (edge "e1"): must be at least 1 s when batchSize is above 10 (it is 100)',
    ]);
  });

  it('a bucket notifies one destination', () => {
    const d = doc(
      [{ id: 'b', kind: 'bucket' }, fn('f'), fn('g')],
      [
        { source: 'b', target: 'f' },
        { source: 'b', target: 'g' },
      ],
    );
    expect(errorsOf(d)).toEqual([
      'edges[1] (edge "e2"): b already sends its new-object notifications to f, and S3 sends each kind of event to one place only, so it cannot also notify g. To reach both, let b notify an SNS topic and subscribe f and g to that topic.',
    ]);
  });

  it('an EventBridge rule has at most 5 targets', () => {
    const targets = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => fn(id));
    const pattern = { type: ['Event'] };
    const d = doc(
      [{ id: 'bus', kind: 'eventBus' }, ...targets],
      targets.map((t) => ({ source: 'bus', target: t.id, params: { pattern } })),
    );
    expect(errorsOf(d)).toEqual([
      'edges[5] (edge "e6"): bus sends events of type Event to 6 targets, but an EventBridge rule has at most 5: f would need another rule. Match fewer event types per rule, or fan out through an SNS topic.',
    ]);
    // Different patterns are different rules.
    const split = doc(
      [{ id: 'bus', kind: 'eventBus' }, ...targets],
      targets.map((t, i) => ({ source: 'bus', target: t.id, params: i === 5 ? {} : { pattern } })),
    );
    expect(validateScenario(split).ok).toBe(true);
  });

  it('a FIFO queue redrives to a FIFO queue, a standard one to a standard one', () => {
    expect(
      errorsOf(
        doc([queue('q', { type: 'fifo' }), queue('dlq')], [{ source: 'q', target: 'dlq', role: 'dlq' }]),
      ),
    ).toEqual([
      'edges[0].target (edge "e1"): "dlq" — the dead-letter queue of a FIFO queue must be FIFO too; queue "dlq" is standard',
    ]);
    expect(
      errorsOf(
        doc([queue('q'), queue('dlq', { type: 'fifo' })], [{ source: 'q', target: 'dlq', role: 'dlq' }]),
      ),
    ).toEqual([
      'edges[0].target (edge "e1"): "dlq" — the dead-letter queue of a standard queue must be standard too; queue "dlq" is FIFO',
    ]);
  });

  it('a queue has at most one dead-letter queue', () => {
    const d = doc(
      [queue('q'), queue('d1'), queue('d2')],
      [
        { source: 'q', target: 'd1', role: 'dlq' },
        { source: 'q', target: 'd2', role: 'dlq' },
      ],
    );
    expect(errorsOf(d)).toEqual([
      'edges[1] (edge "e2"): a queue has one redrive policy, so at most one dead-letter queue',
    ]);
  });

  it('a queue cannot be its own dead-letter queue', () => {
    expect(errorsOf(doc([queue('q')], [{ source: 'q', target: 'q', role: 'dlq' }]))).toEqual([
      'edges[0].target (edge "e1"): "q" — a queue cannot be its own dead-letter queue',
    ]);
  });

  it('a function has one on-failure destination', () => {
    const d = doc(
      [fn('f'), queue('a'), queue('b')],
      [
        { source: 'f', target: 'a', role: 'onFailure' },
        { source: 'f', target: 'b', role: 'onFailure' },
      ],
    );
    expect(errorsOf(d)).toEqual([
      'edges[1] (edge "e2"): a Lambda function has at most one "onFailure" destination',
    ]);
  });

  it('a table feeds a function only with its stream on', () => {
    const d = doc([{ id: 't', kind: 'table' }, fn('f')], [{ source: 't', target: 'f' }]);
    expect(errorsOf(d)).toEqual([
      'edges[0] (edge "e1"): table "t" has no stream to read: set its streamEnabled to true',
    ]);
    expect(
      validateScenario(
        doc(
          [{ id: 't', kind: 'table', params: { streamEnabled: true } }, fn('f')],
          [{ source: 't', target: 'f' }],
        ),
      ).ok,
    ).toBe(true);
  });
});

describe('parseScenarioOrThrow', () => {
  it('returns the scenario', () => {
    expect(parseScenarioOrThrow(doc([queue('q')])).nodes[0].params.visibilityTimeoutSeconds).toBe(30);
  });

  it('throws a ScenarioError carrying the issues', () => {
    try {
      parseScenarioOrThrow(doc([fn('orders', { memoryMB: 64 })]));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).issues).toHaveLength(1);
      expect((e as Error).message).toBe(
        'invalid scenario: nodes[0].params.memoryMB (node "orders"): 64 — must be 128–10,240 MB',
      );
    }
  });
});
