import { describe, expect, it } from 'vitest';
import { doc, findings, fixed, only } from './helpers';

describe('visibility-timeout: under 6 × the function timeout + batch window [L-SQS23]', () => {
  const d = (visibility?: number, window = 0) =>
    doc(
      [
        {
          id: 'q',
          kind: 'queue',
          label: 'Orders',
          params: visibility === undefined ? {} : { visibilityTimeoutSeconds: visibility },
        },
        { id: 'f', kind: 'function', label: 'Worker', params: { timeoutMs: 10000 } },
      ],
      [{ source: 'q', target: 'f', params: window ? { batchWindowSeconds: window } : {} }],
    );

  it('30 s (the default) under 6 × 10 s = 60 s', () => {
    const f = only(d(), 'visibility-timeout');
    expect(f.message).toBe(
      "Orders hides a received message for 30 s, less than 6 × Worker's timeout (10 s) = 60 s: a message still being handled, or waiting out a throttle, becomes visible again and is handled twice.",
    );
    expect(f.fix).toMatchObject({
      type: 'setNodeParam',
      nodeId: 'q',
      param: 'visibilityTimeoutSeconds',
      value: 60,
    });
  });

  it('the batch window counts: 6 × 10 + 5 = 65 s, and the fix sets exactly that', () => {
    const f = only(d(60, 5), 'visibility-timeout');
    expect(f.message).toContain('+ the batch window 5 s = 65 s');
    expect(findings(fixed(d(60, 5), f), 'visibility-timeout')).toEqual([]);
    expect(fixed(d(60, 5), f).nodes[0].params.visibilityTimeoutSeconds).toBe(65);
  });

  it('60 s is enough', () => {
    expect(findings(d(60), 'visibility-timeout')).toEqual([]);
  });

  describe('a pipe holds a batch while it waits for its enrichment and its target', () => {
    const piped = (visibility: number, opts: { enrich?: boolean; window?: number; target?: string } = {}) =>
      doc(
        [
          { id: 'q', kind: 'queue', label: 'Orders', params: { visibilityTimeoutSeconds: visibility } },
          { id: 'p', kind: 'pipe', label: 'Order pipe', params: opts.enrich ? { enrichment: 'Lookup' } : {} },
          { id: 'l', kind: 'function', label: 'Lookup', params: { timeoutMs: 20000 } },
          { id: 'c', kind: 'function', label: 'Charge', params: { timeoutMs: 15000 } },
          { id: 'out', kind: 'queue', label: 'Done' },
          { id: 'r', kind: 'function', label: 'Reader', params: { timeoutMs: 1000 } },
        ],
        [
          { source: 'q', target: 'p', params: opts.window ? { batchWindowSeconds: opts.window } : {} },
          ...(opts.enrich ? [{ source: 'p', target: 'l' }] : []),
          { source: 'p', target: opts.target ?? 'c' },
          { source: 'out', target: 'r' },
        ],
      );

    it('enrichment 20 s + target 15 s + window 5 s = 40 s: 30 s is too short, and the fix sets 40 s', () => {
      const d = piped(30, { enrich: true, window: 5 });
      const f = only(d, 'visibility-timeout');
      expect(f.message).toBe(
        "Orders hides a received message for 30 s, but Order pipe can hold a batch for up to 40 s (Lookup's timeout 20 s + Charge's timeout 15 s + the batch window 5 s): a message still in the pipe becomes visible again and is handled twice.",
      );
      expect(f.nodeIds).toEqual(['q', 'p']);
      expect(fixed(d, f).nodes[0].params.visibilityTimeoutSeconds).toBe(40);
      expect(findings(fixed(d, f), 'visibility-timeout')).toEqual([]);
    });

    it('a function target alone: 15 s; 30 s is enough, 10 s is not', () => {
      expect(findings(piped(30), 'visibility-timeout')).toEqual([]);
      expect(only(piped(10), 'visibility-timeout').message).toContain(
        "can hold a batch for up to 15 s (Charge's timeout 15 s)",
      );
    });

    it('an Express workflow target: its steps bound it (timeouts, retries and their waits), at most 5 minutes', () => {
      const wf = (steps: unknown[], visibility: number) =>
        doc(
          [
            { id: 'q', kind: 'queue', label: 'Orders', params: { visibilityTimeoutSeconds: visibility } },
            { id: 'p', kind: 'pipe', label: 'Order pipe' },
            { id: 'w', kind: 'stateMachine', label: 'Fulfil', params: { workflowType: 'express', steps } },
            { id: 'c', kind: 'function', label: 'Charge', params: { timeoutMs: 10000 } },
          ],
          [
            { source: 'q', target: 'p' },
            { source: 'p', target: 'w' },
            { source: 'w', target: 'c' },
          ],
        );
      // 10 s, then waits of 1, 2 and 4 s between 3 retries of 10 s: 4 × 10 + 7 = 47 s; a wait of 5 s.
      const steps = [{ name: 'Charge card' }, { name: 'Pause', type: 'wait', seconds: 5 }];
      expect(only(wf(steps, 30), 'visibility-timeout').message).toContain(
        'Order pipe can hold a batch for up to 52 s (Fulfil, an Express workflow, up to 52 s)',
      );
      expect(findings(wf(steps, 52), 'visibility-timeout')).toEqual([]);
      // A map of 100 items 10 at a time, no retries: 10 rounds of 10 s = 100 s, and two of them pass 5 min.
      const map = { name: 'Each', type: 'map', items: 100, concurrency: 10, maxAttempts: 0 };
      expect(only(wf([map], 60), 'visibility-timeout').message).toContain('up to 100 s');
      expect(only(wf([map, map, map, map], 60), 'visibility-timeout').message).toContain('up to 300 s');
    });

    it('a pipe that hands its events to a queue holds them only for its window', () => {
      expect(findings(piped(1, { target: 'out' }), 'visibility-timeout')).toEqual([]);
      expect(only(piped(1, { target: 'out', window: 5 }), 'visibility-timeout').message).toContain(
        'can hold a batch for up to 5 s (the batch window 5 s)',
      );
    });
  });
});
