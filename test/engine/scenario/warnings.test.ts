import { describe, expect, it } from 'vitest';
import { doc, warningsOf } from './build';

describe('warnings', () => {
  it("visibility timeout under 6 × the consumer function's timeout", () => {
    const w = warningsOf(
      doc(
        [
          { id: 'q', kind: 'queue' },
          { id: 'f', kind: 'function', params: { timeoutMs: 10000 } },
        ],
        [{ source: 'q', target: 'f' }],
      ),
    );
    expect(w).toEqual([
      'queue "q": visibility timeout 30 s is under 6 × the timeout of function "f" (10 s) + batch window 0 s = 60 s; messages still in progress, or waiting out a throttle, will be received again',
    ]);
    expect(
      warningsOf(
        doc(
          [
            { id: 'q', kind: 'queue', params: { visibilityTimeoutSeconds: 60 } },
            { id: 'f', kind: 'function', params: { timeoutMs: 10000 } },
          ],
          [{ source: 'q', target: 'f' }],
        ),
      ),
    ).toEqual([]);
  });

  it('a feedback loop names its nodes', () => {
    const w = warningsOf(
      doc(
        [
          { id: 'a', kind: 'function' },
          { id: 't', kind: 'topic' },
          { id: 'q', kind: 'queue' },
        ],
        [
          { source: 'a', target: 't' },
          { source: 't', target: 'q' },
          { source: 'q', target: 'a' },
        ],
      ),
    );
    expect(w).toEqual([
      "feedback loop: a → t → q → a: work handed round it may circulate until the run's event budget stops it",
    ]);
  });

  it('a function invoking itself is a loop too', () => {
    expect(
      warningsOf(
        doc([{ id: 'a', kind: 'function' }], [{ source: 'a', target: 'a', params: { perRequest: 0.5 } }]),
      ),
    ).toEqual([
      "feedback loop: a → a: work handed round it may circulate until the run's event budget stops it",
    ]);
  });

  it('maxReceiveCount under 5 with a dead-letter queue', () => {
    const w = warningsOf(
      doc(
        [
          { id: 'q', kind: 'queue', params: { maxReceiveCount: 2 } },
          { id: 'd', kind: 'queue' },
          { id: 'f', kind: 'function' },
        ],
        [
          { source: 'q', target: 'f' },
          { source: 'q', target: 'd', role: 'dlq' },
        ],
      ),
    );
    expect(w).toEqual([
      'queue "q": maxReceiveCount 2 is below the recommended 5; throttled or briefly failing consumers will dead-letter good messages',
    ]);
  });

  it('a queue nothing reads', () => {
    expect(
      warningsOf(
        doc(
          [
            { id: 'p', kind: 'producer' },
            { id: 'q', kind: 'queue' },
          ],
          [{ source: 'p', target: 'q' }],
        ),
      ),
    ).toEqual(['queue "q": nothing reads it, so its messages pile up until retention deletes them']);
  });

  it('more than two readers of a DynamoDB stream', () => {
    const fns = ['a', 'b', 'c'].map((id) => ({ id, kind: 'function' }));
    const w = warningsOf(
      doc(
        [{ id: 't', kind: 'table', params: { streamEnabled: true } }, ...fns],
        fns.map((f) => ({ source: 't', target: f.id })),
      ),
    );
    expect(w).toEqual([
      'table "t": 3 functions read its stream, but more than 2 readers per shard get throttled; fan out through one reader and SNS or EventBridge',
    ]);
  });

  it('a server too small for its components names the cheapest that fits', () => {
    // The seed notes' rule: the largest vCPU, memory and disk need among the components, at once.
    const components = [
      { name: 'web', vcpu: 1, memoryGB: 4 },
      { name: 'reports', vcpu: 2, memoryGB: 6 },
    ];
    expect(
      warningsOf(doc([{ id: 's', kind: 'server', params: { instanceType: 'c5.large', components } }])),
    ).toEqual([
      'server "s": one instance must hold every component\'s largest need at once (2 vCPU, 6 GB memory), but c5.large has 2 vCPU and 4 GB; the cheapest that fits is m7g.large (2 vCPU, 8 GB, 0.0816 USD/h, arm64)',
    ]);
    expect(
      warningsOf(doc([{ id: 's', kind: 'server', params: { instanceType: 'm5.large', components } }])),
    ).toEqual([]);
  });

  it('a filter on a type nothing emits', () => {
    const w = warningsOf(
      doc(
        [
          { id: 'p', kind: 'producer', params: { eventTypes: [{ name: 'OrderPlaced' }] } },
          { id: 't', kind: 'topic' },
          { id: 'f', kind: 'function' },
        ],
        [
          { source: 'p', target: 't' },
          { id: 'sub', source: 't', target: 'f', params: { filter: { type: ['OrderShipped'] } } },
        ],
      ),
    );
    expect(w).toEqual([
      'edge "sub": event type "OrderShipped" is not emitted by any node (known: OrderPlaced), so it never matches',
    ]);
  });
});
