import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import lzString from 'lz-string';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { buildInternals, insidesAt } from '../../src/app/classroom/internals';
import { classroomRunOptions } from '../../src/app/classroom/run-options';
import { simulate } from '../../src/engine/simulate';
import { hasBrowser, openBrowser, viewAtRest, type BrowserSession } from './browser';
import { insidesDoc } from './insides-doc';

async function insidesShown(page: Page): Promise<{ time: number; insides: Record<string, unknown> }> {
  const canvas = page.getByTestId('replay-canvas');
  await expect.poll(() => canvas.getAttribute('data-insides'), { timeout: 10_000 }).toBeTruthy();
  const d = await canvas.evaluate((el) => ({ ...(el as HTMLCanvasElement).dataset }));
  return { time: Number(d.time), insides: JSON.parse(d.insides!) };
}

describe.skipIf(!hasBrowser)("classroom: queues', streams' and fleets' insides at t", () => {
  let s: BrowserSession;
  afterEach(async () => {
    await s?.close();
  });

  it('every reader of a queue and of a stream, and tasks on their hosts, drawn exactly at a scrubbed t', async () => {
    s = await openBrowser({ width: 1920, height: 1080 });
    const { page } = s;
    const doc = insidesDoc();
    await page.goto(
      `${inject('baseUrl')}?present#s=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`,
    );
    await page.getByTestId('replay-clock').waitFor({ timeout: 60_000 });
    const internals = buildInternals(simulate(doc, classroomRunOptions(doc)).recording);
    let sawBatches = false;
    let sawSecondHost = false;
    for (const [i, t] of [30_700, 58_350, 97_100].entries()) {
      await page.getByRole('slider', { name: 'Timeline' }).fill(String(t));
      await expect.poll(async () => (await insidesShown(page)).time, { timeout: 10_000 }).toBeCloseTo(t, 0);
      const shown = await insidesShown(page);
      const expected = insidesAt(internals, shown.time);
      expect(shown.insides, `insides at ${shown.time} ms`).toEqual(expected);
      const q = expected.queue as { readers: [string, number[]][] };
      expect(q.readers.map((r) => r[0])).toEqual(['gatherer', 'worker']);
      if (q.readers.every((r) => r[1].length > 0)) sawBatches = true;
      expect((expected.stream as unknown[]).length, 'both readers of the stream').toBe(2);
      if (((expected.tasks as { hosts: string }).hosts ?? '').split(' ').length > 1) sawSecondHost = true;
      await s.screenshot(`classroom-insides-1920-${i}`);
    }
    expect(sawBatches).toBe(true);
    expect(sawSecondHost).toBe(true);
    for (const [w, h] of [
      [1366, 768],
      [1440, 900],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      await viewAtRest(page);
      await s.screenshot(`classroom-insides-${w}`);
    }
  });

  it('a shard held by a poison record, at 1920×1080 in presentation mode', async () => {
    s = await openBrowser({ width: 1920, height: 1080 });
    const { page } = s;
    const doc = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../src/templates/kinesis-poison-record.json'), 'utf8'),
    );
    const internals = buildInternals(simulate(doc, classroomRunOptions(doc)).recording);
    await page.goto(
      `${inject('baseUrl')}?present#s=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`,
    );
    await page.getByTestId('replay-clock').waitFor({ timeout: 120_000 });
    // An hour in: the poison record's batch has failed and is held in shard 1's lane, which
    // grows while the other shards are read.
    const t = 3_700_000;
    await page.getByRole('slider', { name: 'Timeline' }).fill(String(t));
    await expect.poll(async () => (await insidesShown(page)).time, { timeout: 10_000 }).toBe(t);
    const shown = await insidesShown(page);
    expect(shown.insides).toEqual(insidesAt(internals, t));
    const lanes = (shown.insides.stream as [string, string[]][])[0][1];
    const held = lanes.filter((l) => Number(l.split('/')[1]) < 0);
    expect(held, 'one shard held by a failed batch').toHaveLength(1);
    expect(Number(held[0].split('/')[0])).toBeGreaterThan(1000);
    const legend = await page.getByRole('list', { name: 'What the dots and marks mean' }).textContent();
    expect(legend).toContain('failed batch held');
    // Room under the stream for its four shards (a line and a bar each, and the held batch's
    // line: 194 px) above the replay bar.
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const node = document
              .querySelector('.react-flow__node[data-id="stream"]')!
              .getBoundingClientRect();
            return (
              document.querySelector('.classroom-panel--bottom')!.getBoundingClientRect().top - node.bottom
            );
          }),
        { timeout: 5000 },
      )
      .toBeGreaterThanOrEqual(194);
    await s.screenshot('classroom-poison-1920');
  });

  it('a run longer than the recording can hold says so on the replay bar, with the cap', async () => {
    s = await openBrowser({ width: 1440, height: 900 });
    const { page } = s;
    // The Kinesis analytics template run 2.5 times as long (its 600 s fit whole): its shards'
    // changes then outrun the recording's cap.
    const doc = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../src/templates/kinesis-analytics.json'), 'utf8'),
    );
    doc.settings.durationSeconds = 1500;
    const rec = simulate(doc, classroomRunOptions(doc)).recording!;
    expect(rec.insidesTruncatedAtMs).toBeGreaterThan(0);
    await page.goto(`${inject('baseUrl')}#s=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page
      .locator('.run-progress-text')
      .filter({ hasText: /^Done:/ })
      .waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Replay requests on the canvas' }).click();
    const note = page.getByTestId('recording-cap-insides');
    await expect.poll(() => note.textContent(), { timeout: 30_000 }).toContain('12 MB');
    const m = Math.floor(rec.insidesTruncatedAtMs! / 60_000);
    expect(await note.textContent()).toContain(`up to ${m}:`);
    await s.screenshot('classroom-recording-cap-1440');
  });
});
