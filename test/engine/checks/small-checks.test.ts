import { describe, expect, it } from 'vitest';
import { doc, findings, only } from './helpers';

describe('unread-queue', () => {
  it('a queue nothing reads, unless it catches failures', () => {
    const d = doc(
      [
        { id: 'p', kind: 'producer' },
        { id: 'q', kind: 'queue', label: 'Inbox' },
      ],
      [{ source: 'p', target: 'q' }],
    );
    expect(only(d, 'unread-queue').message).toBe(
      'Nothing reads Inbox, so its messages pile up until retention deletes them (after 4 days).',
    );
    const read = doc([...d.nodes, { id: 'f', kind: 'function' }], [...d.edges, { source: 'q', target: 'f' }]);
    expect(findings(read, 'unread-queue')).toEqual([]);
  });
});

describe('stream-readers', () => {
  it('more than two readers of a DynamoDB stream [L-DDB]', () => {
    const fns = ['a', 'b', 'c'].map((id) => ({ id, kind: 'function', label: id.toUpperCase() }));
    const d = (n: number) =>
      doc(
        [
          { id: 't', kind: 'table', label: 'Orders table', params: { streamEnabled: true } },
          ...fns.slice(0, n),
        ],
        fns.slice(0, n).map((f) => ({ source: 't', target: f.id })),
      );
    expect(only(d(3), 'stream-readers').message).toMatch(
      /^3 functions read Orders table's stream \(A, B and C\)/,
    );
    expect(findings(d(2), 'stream-readers')).toEqual([]);
  });

  it('a pipe reading the stream is a reader, and the sentence does not call it a function', () => {
    const d = (pipes: number) =>
      doc(
        [
          { id: 't', kind: 'table', label: 'Orders table', params: { streamEnabled: true } },
          { id: 'a', kind: 'function', label: 'A' },
          { id: 'b', kind: 'function', label: 'B' },
          { id: 'p', kind: 'pipe', label: 'Order pipe' },
          { id: 'p2', kind: 'pipe', label: 'Audit pipe' },
          { id: 'q', kind: 'queue', label: 'Out' },
          { id: 'r', kind: 'function', label: 'Reader' },
        ],
        [
          { source: 't', target: 'a' },
          ...(pipes === 3 ? [] : [{ source: 't', target: 'b' }]),
          { source: 't', target: 'p' },
          ...(pipes === 3 ? [{ source: 't', target: 'p2' }] : []),
          { source: 'p', target: 'q' },
          { source: 'p2', target: 'q' },
          { source: 'q', target: 'r' },
        ],
      );
    expect(only(d(1), 'stream-readers').message).toMatch(
      /^3 readers \(functions and pipes\) read Orders table's stream \(A, B and Order pipe\)/,
    );
    // Two pipes and a function: still three readers of one shard.
    expect(only(d(3), 'stream-readers').message).toMatch(/^3 readers \(functions and pipes\) read/);
  });
});

describe('server-fit', () => {
  it('a server too small for its components, by label', () => {
    const components = [
      { name: 'web', vcpu: 1, memoryGB: 4 },
      { name: 'reports', vcpu: 2, memoryGB: 6 },
    ];
    const d = (instanceType: string) =>
      doc([{ id: 's', kind: 'server', label: 'Monolith', params: { instanceType, components } }]);
    expect(only(d('c5.large'), 'server-fit').message).toBe(
      "Monolith: one instance must hold every component's largest need at once (2 vCPU, 6 GB memory), but c5.large has 2 vCPU and 4 GB; the cheapest that fits is m7g.large (2 vCPU, 8 GB, 0.0816 USD/h, arm64)",
    );
    expect(findings(d('m5.large'), 'server-fit')).toEqual([]);
  });
});

describe('event-types', () => {
  it('a filter on a type nothing emits', () => {
    const d = (type: string) =>
      doc(
        [
          { id: 'p', kind: 'producer', params: { eventTypes: [{ name: 'OrderPlaced' }] } },
          { id: 't', kind: 'topic', label: 'Orders' },
          { id: 'f', kind: 'function', label: 'Ship' },
        ],
        [
          { source: 'p', target: 't' },
          { id: 'sub', source: 't', target: 'f', params: { filter: { type: [type] } } },
        ],
      );
    expect(only(d('OrderShipped'), 'event-types').message).toBe(
      'The connection Orders → Ship matches event type OrderShipped, which nothing sends (known: OrderPlaced), so that part never matches.',
    );
    expect(findings(d('OrderPlaced'), 'event-types')).toEqual([]);
  });
});

describe('feedback-loop', () => {
  it('function → topic → queue → the same function, by label; a chain is no loop', () => {
    const nodes = [
      { id: 'a', kind: 'function', label: 'Handler' },
      { id: 't', kind: 'topic', label: 'Events' },
      { id: 'q', kind: 'queue', label: 'Buffer' },
    ];
    const chain = [
      { source: 'a', target: 't' },
      { source: 't', target: 'q' },
    ];
    expect(only(doc(nodes, [...chain, { source: 'q', target: 'a' }]), 'feedback-loop').message).toBe(
      "Feedback loop: Handler → Events → Buffer → Handler: work handed round it may circulate until the run's event budget stops it.",
    );
    expect(findings(doc(nodes, chain), 'feedback-loop')).toEqual([]);
  });
});
