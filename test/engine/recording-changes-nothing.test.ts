import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';

const dir = resolve(import.meta.dirname, '../../src/templates');
const withQueues = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, doc: JSON.parse(readFileSync(join(dir, f), 'utf8')) }))
  .filter(({ doc }) => doc.nodes.some((n: { kind: string }) => n.kind === 'queue'));

/**
 * A run recorded for the replay takes the queue's general path (show, then dispatch), while an
 * unrecorded run may take its hand-off to an idle poller (QueueRuntime.handOff): both must give
 * the same result, or the replay's figures at t would describe a different run than the results.
 */
describe('recording for the replay changes no result', () => {
  it('there are templates with queues', () => expect(withQueues.length).toBeGreaterThan(3));
  for (const { file, doc } of withQueues)
    it(
      file,
      () => {
        const s = doc.settings ?? {};
        const short = {
          ...doc,
          settings: {
            ...s,
            durationSeconds: Math.min(s.durationSeconds ?? 600, 300),
            warmupSeconds: Math.min(s.warmupSeconds ?? 0, 60),
          },
        };
        const plain = simulate(short);
        const recorded = simulate(short, { record: true });
        expect(recorded.recording, 'the run was recorded').toBeDefined();
        expect(recorded.totals).toEqual(plain.totals);
        expect(recorded.nodes).toEqual(plain.nodes);
        expect(recorded.edges).toEqual(plain.edges);
        expect(recorded.series).toEqual(plain.series);
      },
      60_000,
    );
});
