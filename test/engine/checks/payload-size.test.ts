import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine/simulate';
import { doc, findings, fixed, only } from './helpers';

/** Producer → topic → queue → function, with the producer's payload. */
const fanOut = (payloadKB: number) =>
  doc(
    [
      { id: 'p', kind: 'producer', label: 'Shop', params: { payloadKB } },
      { id: 't', kind: 'topic', label: 'Orders topic' },
      { id: 'q', kind: 'queue', label: 'Billing queue' },
      { id: 'f', kind: 'function' },
    ],
    [
      { source: 'p', target: 't' },
      { source: 't', target: 'q' },
      { source: 'q', target: 'f' },
    ],
  );

describe('payload-size: events over a service limit on their path', () => {
  it('SNS takes at most 256 KB [SNS-FAQ]: a 512 KB publish is an error that blocks the run', () => {
    const f = only(fanOut(512), 'payload-size');
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      'Shop sends 512 KB events, but SNS takes at most 256 KB, so Orders topic would refuse every one. Send 256 KB or less (keep the body in S3 and send its key).',
    );
    expect(() => simulate(fanOut(512))).toThrow(/SNS takes at most 256 KB/);
  });

  it('256 KB passes SNS; the fix sets the producer to 256 KB', () => {
    expect(findings(fanOut(256), 'payload-size')).toEqual([]);
    const after = fixed(fanOut(1024), only(fanOut(1024), 'payload-size'));
    expect(after.nodes[0].params.payloadKB).toBe(256);
    expect(findings(after, 'payload-size')).toEqual([]);
  });

  it('SQS, EventBridge, Kinesis and async Lambda take 1 MB now [L-1MB] [KDS-LIM]: 1,024 KB straight to them is fine', () => {
    const d = doc(
      [
        { id: 'p', kind: 'producer', params: { payloadKB: 1024 } },
        { id: 'q', kind: 'queue' },
        { id: 'bus', kind: 'eventBus' },
        { id: 's', kind: 'stream' },
        { id: 'f', kind: 'function' },
        { id: 'g', kind: 'function' },
      ],
      [
        { source: 'p', target: 'q' },
        { source: 'p', target: 'bus' },
        { source: 'p', target: 's' },
        { source: 'q', target: 'f' },
        { source: 'bus', target: 'g' },
      ],
    );
    expect(findings(d, 'payload-size')).toEqual([]);
  });
});
