import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import lzString from 'lz-string';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { classroomRunOptions } from '../../src/app/classroom/run-options';
import type { TraceHop } from '../../src/engine/sim/requests';
import { simulate } from '../../src/engine/simulate';
import { hasBrowser, openBrowser, type BrowserSession } from './browser';

function shortDoc() {
  const doc = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../src/templates/api-function.json'), 'utf8'),
  );
  doc.settings.durationSeconds = 30;
  return doc;
}

async function followed(page: Page): Promise<{ node?: string; time: number }> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.getByTestId('replay-canvas').evaluate((el) => {
    const d = (el as HTMLCanvasElement).dataset;
    return { node: d.followNode, time: Number(d.time) };
  });
}

/**
 * The nodes in the order the followed request reaches them, stepping from recorded moment to
 * recorded moment (→) from where it starts until `untilMs`. The stepping runs in the page: a
 * hundred steps or so, each a click and two frames, took 50–90 s of the test's 90 s on a loaded
 * machine when every click and every look was a round trip from the test.
 */
async function hopSequence(page: Page, startMs: number, untilMs: number): Promise<string[]> {
  await page.getByRole('slider', { name: 'Timeline' }).fill(String(startMs));
  const step = await page.getByRole('button', { name: 'Step forward' }).elementHandle();
  const canvas = await page.getByTestId('replay-canvas').elementHandle();
  return page.evaluate(
    async ({ step, canvas, untilMs }) => {
      // Two frames: the paused canvas has drawn the moment stepped to and written what it follows.
      const drawn = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const seen: string[] = [];
      for (let i = 0; i < 400; i++) {
        await drawn();
        const { followNode, time } = (canvas as HTMLCanvasElement).dataset;
        if (followNode && !seen.includes(followNode)) seen.push(followNode);
        if (Number(time) >= untilMs) break;
        (step as HTMLButtonElement).click();
      }
      return seen;
    },
    { step, canvas, untilMs },
  );
}

describe.skipIf(!hasBrowser)('classroom: follow one request', () => {
  let s: BrowserSession;
  afterEach(async () => {
    await s?.close();
  });

  it("the followed dot visits its trace's hops in order, the waterfall grows, and rewinding does it again", async () => {
    s = await openBrowser({ width: 1920, height: 1080 });
    const { page } = s;
    await page.goto(
      `${inject('baseUrl')}#s=${lzString.compressToEncodedURIComponent(JSON.stringify(shortDoc()))}`,
    );
    await page.getByTestId('node-clients').waitFor();
    await page.getByRole('button', { name: 'Replay requests on the canvas' }).click();
    await page.getByTestId('replay-clock').waitFor({ timeout: 60_000 });
    // The third request: its start and end come from the picker's list (#id at t · duration).
    await page.getByRole('combobox', { name: 'Open a request' }).selectOption('2');
    await page.getByRole('button', { name: 'Follow this request' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Follow this request' }).getAttribute('aria-pressed'))
      .toBe('true');
    const startMs = Number(await page.getByTestId('replay-canvas').getAttribute('data-time'));
    const rows = page.getByTestId('trace-waterfall').locator('li.waterfall__row');
    // At its start the waterfall has only the hops begun by then, their bars not yet grown.
    const widths = () =>
      page
        .getByTestId('trace-waterfall')
        .locator('.waterfall__bar')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    expect(Math.max(...(await widths()))).toBeLessThanOrEqual(2);
    const endMs = startMs + 500;
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const forward = await hopSequence(page, startMs, endMs);
    // Past its end the waterfall has every hop: the trace, in order of start.
    const trace = await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.node ?? ''));
    expect(trace.length).toBeGreaterThanOrEqual(2);
    expect(forward).toEqual(trace);
    expect(Math.max(...(await widths()))).toBeGreaterThan(20);
    await s.screenshot('classroom-follow-1920');
    // Rewind and play the same stretch again: the same hops in the same order.
    const again = await hopSequence(page, startMs, endMs);
    expect(again).toEqual(trace);
  });

  it('follows a message through a failed batch and its second receive, hop by hop as the engine traced it', async () => {
    s = await openBrowser({ width: 1920, height: 1080 });
    const { page } = s;
    // API → accept → queue → fulfil (30 % of items fail, reported per item): a failed message
    // comes back to the queue after its 60 s visibility timeout and is read again.
    const doc = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../src/templates/messaging-dlq.json'), 'utf8'),
    );
    doc.settings.durationSeconds = 100;
    const result = simulate(doc, classroomRunOptions(doc));
    const pick = result.traces
      .slice(0, 500)
      .findIndex(
        (tr) => tr.outcome === 'completed' && tr.hops.filter((h) => h.node === 'orders').length === 2,
      );
    expect(pick).toBeGreaterThanOrEqual(0);
    const hops = result.traces[pick].hops;
    // The order the replay visits them: by start, a parent before the hop it handed work to.
    const depth = (h: TraceHop): number => (h.parent < 0 ? 0 : 1 + depth(hops[h.parent]));
    const visits = [...hops].sort((a, b) => a.startMs - b.startMs || depth(a) - depth(b));
    await page.goto(`${inject('baseUrl')}#s=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`);
    await page.getByTestId('node-clients').waitFor();
    await page.getByRole('button', { name: 'Replay requests on the canvas' }).click();
    await page.getByTestId('replay-clock').waitFor({ timeout: 60_000 });
    await page.getByRole('combobox', { name: 'Open a request' }).selectOption(String(pick));
    await page.getByRole('button', { name: 'Follow this request' }).click();
    const seen: string[] = [];
    const expected: string[] = [];
    // Just before the next hop starts: each dot has come in along its edge by then.
    const starts = [...new Set(visits.map((h) => h.startMs))];
    const lastEnd = Math.max(...hops.map((h) => h.endMs));
    for (const [k, start] of starts.entries()) {
      const next = starts[k + 1] ?? lastEnd;
      const t = Math.max((start + next) / 2, next - 0.5);
      expected.push(visits.filter((h) => h.startMs <= t).at(-1)!.node);
      await page.getByRole('slider', { name: 'Timeline' }).fill(String(t));
      await expect.poll(async () => (await followed(page)).time).toBeCloseTo(t, 0);
      seen.push((await followed(page)).node ?? '');
    }
    // api, accept, orders, fulfil, then orders again a minute later and fulfil: the engine's trace.
    expect(expected.filter((n) => n === 'orders')).toHaveLength(2);
    expect(seen).toEqual(expected);
    await s.screenshot('classroom-follow-retry-1920');
  });
});
