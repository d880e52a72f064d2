import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';
import { resultJson } from '../../src/app/results/export/result-json';

describe('the result JSON download', () => {
  it("writes a replay's encoded recording as its size, not byte by byte; the rest as it is", () => {
    const doc = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../src/templates/api-function.json'), 'utf8'),
    );
    doc.settings.durationSeconds = 120;
    const result = simulate(doc, { record: true });
    const bytes = result.recording!.bytes.byteLength;
    expect(bytes).toBeGreaterThan(10_000);
    const back = JSON.parse(resultJson(result));
    expect(back.recording.bytes).toBe(`${bytes} bytes of encoded changes (not exported)`);
    expect(back.recording.count).toBe(result.recording!.count);
    expect(back.totals).toEqual(JSON.parse(JSON.stringify(result.totals)));
    // Byte by byte, the recording alone would take more text than the whole file does.
    expect(resultJson(result).length).toBeLessThan(JSON.stringify(result.recording!.bytes).length);
  });
});
