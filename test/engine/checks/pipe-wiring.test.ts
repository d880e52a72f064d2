import { describe, expect, it } from 'vitest';
import { errorsOf } from '../scenario/build';
import { doc, findings, fixed, only } from './helpers';

const producer = { id: 'app', kind: 'producer', label: 'Shop' };
const queue = { id: 'q', kind: 'queue', label: 'Orders queue' };
const pipe = (params: Record<string, unknown> = {}) => ({
  id: 'p',
  kind: 'pipe',
  label: 'Orders pipe',
  params,
});

describe('pipe-wiring: one source, one target, batches the target can take', () => {
  it('two targets: an error naming both, and where an enrichment function belongs', () => {
    const f = only(
      doc(
        [
          producer,
          queue,
          pipe(),
          { id: 'f', kind: 'function', label: 'Enrich' },
          { id: 'bus', kind: 'eventBus', label: 'Bus' },
        ],
        [
          { source: 'app', target: 'q' },
          { source: 'q', target: 'p' },
          { source: 'p', target: 'f' },
          { source: 'p', target: 'bus' },
        ],
      ),
      'pipe-wiring',
    );
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      'Orders pipe hands its events to Enrich and Bus, but a pipe has exactly one target: keep one and fan out from it through an SNS topic or an EventBridge bus. A function meant to enrich the events goes in the pipe\'s "Enrichment" field.',
    );
    expect(f.edgeIds).toEqual(['e3', 'e4']);
  });

  it('an enrichment named in the field is not a target', () => {
    const d = doc(
      [
        producer,
        queue,
        pipe({ enrichment: 'Enrich' }),
        { id: 'f', kind: 'function', label: 'Enrich' },
        { id: 'bus', kind: 'eventBus', label: 'Bus' },
      ],
      [
        { source: 'app', target: 'q' },
        { source: 'q', target: 'p' },
        { source: 'p', target: 'f' },
        { source: 'p', target: 'bus' },
      ],
    );
    expect(findings(d, 'pipe-wiring')).toEqual([]);
  });

  it('two sources: an error naming both', () => {
    const f = only(
      doc(
        [
          producer,
          queue,
          { id: 'q2', kind: 'queue', label: 'Returns queue' },
          pipe(),
          { id: 'bus', kind: 'eventBus', label: 'Bus' },
        ],
        [
          { source: 'app', target: 'q' },
          { source: 'app', target: 'q2' },
          { source: 'q', target: 'p' },
          { source: 'q2', target: 'p' },
          { source: 'p', target: 'bus' },
        ],
      ),
      'pipe-wiring',
    );
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      'Orders pipe reads Orders queue and Returns queue, but a pipe has exactly one source: give each source a pipe of its own.',
    );
  });

  it('no target: a warning', () => {
    const f = only(
      doc(
        [producer, queue, pipe()],
        [
          { source: 'app', target: 'q' },
          { source: 'q', target: 'p' },
        ],
      ),
      'pipe-wiring',
    );
    expect(f.severity).toBe('warning');
    expect(f.message).toBe(
      'Orders pipe has no target: what passes its filter goes nowhere, and is still billed. Connect it to a function, queue, topic, bus, stream or state machine.',
    );
  });

  it('batches of 50 into a queue target: an error with the fix to 10', () => {
    const d = doc(
      [producer, queue, pipe(), { id: 'out', kind: 'queue', label: 'Shipping queue' }],
      [
        { source: 'app', target: 'q' },
        { source: 'q', target: 'p', params: { batchSize: 50, batchWindowSeconds: 1 } },
        { source: 'p', target: 'out' },
      ],
    );
    const f = only(d, 'pipe-wiring');
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      "Orders pipe reads batches of 50 from Orders queue, but its target Shipping queue takes at most 10 events per batch: a pipe's batch may not be larger than its target's. Set the batch size to 10 or less.",
    );
    expect(findings(fixed(d, f), 'pipe-wiring')).toEqual([]);
  });

  it('batches of 50 into a function target are fine', () => {
    const d = doc(
      [producer, queue, pipe(), { id: 'f', kind: 'function', label: 'Work' }],
      [
        { source: 'app', target: 'q' },
        { source: 'q', target: 'p', params: { batchSize: 50 } },
        { source: 'p', target: 'f' },
      ],
    );
    expect(findings(d, 'pipe-wiring')).toEqual([]);
  });
});

describe('pipe validation', () => {
  it('refuses a source that is not a queue or a stream', () => {
    expect(errorsOf(doc([producer, pipe()], [{ source: 'app', target: 'p' }]))).toEqual([
      'edges[0] (edge "e1"): A producer cannot feed an EventBridge pipe: a pipe reads an SQS queue, a Kinesis stream or a DynamoDB table\'s stream. Send to a queue or a stream, and let the pipe read that.',
    ]);
  });

  it('refuses a pipe feeding a pipe', () => {
    expect(
      errorsOf(
        doc(
          [producer, queue, pipe(), { id: 'p2', kind: 'pipe' }],
          [
            { source: 'app', target: 'q' },
            { source: 'q', target: 'p' },
            { source: 'p', target: 'p2' },
          ],
        ),
      ),
    ).toEqual([
      'edges[2] (edge "e3"): An EventBridge pipe cannot feed an EventBridge pipe: a pipe reads an SQS queue, a Kinesis stream or a DynamoDB table\'s stream. Send to a queue or a stream, and let the pipe read that.',
    ]);
  });

  it('an enrichment must name a connected function', () => {
    const nodes = [
      producer,
      queue,
      pipe({ enrichment: 'Lookup' }),
      { id: 'f', kind: 'function', label: 'Work' },
    ];
    const edges = [
      { source: 'app', target: 'q' },
      { source: 'q', target: 'p' },
      { source: 'p', target: 'f' },
    ];
    expect(errorsOf(doc(nodes, edges))).toEqual([
      'nodes[2].params.enrichment (node "p"): "Lookup" — names "Lookup", which this pipe is not connected to: name one of "Work", or leave it empty',
    ]);
  });

  it('an enrichment named while the pipe is connected to no function says to draw the edge', () => {
    const nodes = [producer, queue, pipe({ enrichment: 'Lookup' }), { id: 'o', kind: 'queue', label: 'Out' }];
    const edges = [
      { source: 'app', target: 'q' },
      { source: 'q', target: 'p' },
      { source: 'p', target: 'o' },
    ];
    expect(errorsOf(doc(nodes, edges))).toEqual([
      'nodes[2].params.enrichment (node "p"): "Lookup" — names "Lookup", but this pipe is connected to no function: draw an edge to the enrichment function, or leave the field empty',
    ]);
  });

  it('an enrichment must be a function', () => {
    const nodes = [producer, queue, pipe({ enrichment: 'Out' }), { id: 'o', kind: 'queue', label: 'Out' }];
    const edges = [
      { source: 'app', target: 'q' },
      { source: 'q', target: 'p' },
      { source: 'p', target: 'o' },
    ];
    expect(errorsOf(doc(nodes, edges))).toEqual([
      'nodes[2].params.enrichment (node "p"): "Out" — names "Out", which is not a Lambda function: a pipe enriches with a function (its target may be anything it connects to)',
    ]);
  });

  it('a share outside 0–1 and an empty type filter are refused with the fix', () => {
    const errors = errorsOf(doc([pipe({ filterShare: 1.5, filter: { type: [] } })]));
    expect(errors).toEqual([
      'nodes[0].params.filter.type (node "p"): [] — must name at least one event type (leave out the filter to let every event in)',
      'nodes[0].params.filterShare (node "p"): 1.5 — must be 0–1 share',
    ]);
  });

  it("the edge from a queue takes the pipe's batching, not a function's concurrency settings", () => {
    expect(
      errorsOf(
        doc(
          [producer, queue, pipe()],
          [
            { source: 'app', target: 'q' },
            { source: 'q', target: 'p', params: { maximumConcurrency: 5 } },
          ],
        ),
      ),
    ).toEqual([
      'edges[1].params.maximumConcurrency (edge "e2"): 5 — is not a parameter of an SQS queue → an EventBridge pipe ("poller"); allowed: batchSize, batchWindowSeconds',
    ]);
  });
});
