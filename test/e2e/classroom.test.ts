import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, openBrowser, type BrowserSession } from './browser';

const canvas = (page: Page) => page.getByTestId('replay-canvas');
const clock = (page: Page) => page.getByTestId('replay-clock');

/** What the replay canvas says it drew: the time, how many dots, and a digest of where. */
async function drawnState(page: Page) {
  // The canvas redraws on the next animation frame after a change.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return canvas(page).evaluate((el) => ({ ...(el as HTMLCanvasElement).dataset }));
}

async function openReplay(page: Page) {
  await page.getByRole('button', { name: 'Replay requests on the canvas' }).click();
  await clock(page).waitFor({ timeout: 60_000 });
}

async function scrubTo(page: Page, ms: number) {
  await page.getByRole('slider', { name: 'Timeline' }).fill(String(ms));
}

describe.skipIf(!hasBrowser)('classroom', () => {
  let s: BrowserSession;
  let page: Page;
  beforeEach(async () => {
    s = await openBrowser({ width: 1440, height: 1000 });
    page = s.page;
  });
  afterEach(async () => {
    await s?.close();
  });

  async function start(query = '') {
    await page.goto(inject('baseUrl') + query);
    await page.getByTestId('node-clients').waitFor();
  }

  it('play, pause, step and scrub land on the same state each time', async () => {
    await start();
    await openReplay(page);
    // Step five recorded moments forward, twice from the start: the same place.
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    const stepped = await drawnState(page);
    expect(Number(stepped.time)).toBeGreaterThan(0);
    expect(Number(stepped.dots)).toBeGreaterThan(0);
    await scrubTo(page, 0);
    for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step forward' }).click();
    expect(await drawnState(page)).toEqual(stepped);
    // Scrubbing to that time draws the same thing.
    await scrubTo(page, 9000);
    await scrubTo(page, Number(stepped.time));
    expect((await drawnState(page)).digest).toBe(stepped.digest);
    await s.screenshot('classroom-replay-stepped');

    // Play, pause: wherever it stopped, scrubbing away and back gives the same picture.
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('1');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Space');
    // Playing until the drawn time has moved on by more than 300 ms (however long that takes here).
    await expect
      .poll(async () => Number((await drawnState(page)).time), { timeout: 20_000 })
      .toBeGreaterThan(Number(stepped.time) + 300);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const paused = await drawnState(page);
    expect(Number(paused.time)).toBeGreaterThan(Number(stepped.time) + 300);
    await scrubTo(page, 20_000);
    await scrubTo(page, Number(paused.time));
    const again = await drawnState(page);
    expect(again.digest).toBe(paused.digest);
    expect(again.dots).toBe(paused.dots);
    // Step back returns to the previous recorded moment, before the paused time.
    await page.keyboard.press('ArrowLeft');
    expect(Number((await drawnState(page)).time)).toBeLessThan(Number(paused.time));
  });

  it('a lesson stops at its pause point and asks its question; the answer comes on continue', async () => {
    await start();
    await page.getByRole('button', { name: 'Lessons' }).click();
    await s.screenshot('classroom-lesson-list');
    await page.getByRole('button', { name: 'Open lesson Cold starts and keep-alive' }).click();
    await clock(page).waitFor({ timeout: 60_000 });
    await page.getByTestId('node-fn').waitFor();
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('5');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const question = page.getByTestId('lesson-question');
    await question.waitFor({ timeout: 20_000 });
    await expect(question.textContent()).resolves.toMatch(/first burst begins/);
    // Stopped exactly at the pause point (0.5 s) and not playing.
    await expect(clock(page).textContent()).resolves.toBe('0.50 s');
    expect((await drawnState(page)).time).toBe('500');
    await expect
      .poll(() => page.getByRole('button', { name: 'Play', exact: true }).count(), { timeout: 10_000 })
      .toBe(1);
    await s.screenshot('classroom-lesson-question');
    // → (a clicker's next) reveals the answer, then continues.
    await page.keyboard.press('PageDown');
    await page.getByTestId('lesson-answer').waitFor();
    await page.locator('.lesson-card').screenshot({ path: `${SCREENS}/classroom-lesson-answer.png` });
    await page.keyboard.press('PageDown');
    await expect.poll(() => question.count(), { timeout: 10_000 }).toBe(0);
    await expect
      .poll(() => page.getByRole('button', { name: 'Pause', exact: true }).count(), { timeout: 10_000 })
      .toBe(1);
    // Scrubbing to the next pause point and stepping onto it asks again.
    await page.keyboard.press('Space');
    await scrubTo(page, 179_000);
    await page.getByRole('button', { name: 'Step forward' }).click();
    // The next recorded moment may come before 120 s; step until the question shows.
    for (let i = 0; i < 50 && (await question.count()) === 0; i++)
      await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(question.textContent()).resolves.toMatch(/No request has come/);
  });

  it('presentation mode hides the editing panels and shows a big clock and the lesson counters', async () => {
    await start();
    await expect(page.locator('.palette').isVisible()).resolves.toBe(true);
    await page.keyboard.press('p');
    await page.getByTestId('present-hud').waitFor({ timeout: 60_000 });
    for (const sel of ['.palette', '.inspector', '.results-slot', '.topbar'])
      await expect(page.locator(sel).isVisible(), sel).resolves.toBe(false);
    await expect.poll(() => page.locator('.present-hud__counter').count(), { timeout: 10_000 }).toBe(3);
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await s.screenshot('classroom-presentation');
    // B blanks the screen, B again brings it back.
    await page.keyboard.press('b');
    await expect.poll(() => page.locator('.classroom-blank').count(), { timeout: 10_000 }).toBe(1);
    await page.keyboard.press('b');
    await page.keyboard.press('p');
    await expect(page.locator('.palette').isVisible()).resolves.toBe(true);

    // The ?present flag opens straight into it.
    await start('?present');
    await page.getByTestId('present-hud').waitFor({ timeout: 60_000 });
    await expect(page.locator('.inspector').isVisible()).resolves.toBe(false);
  });

  it('with reduced motion there are no moving dots: rates on the edges instead', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await start();
    await openReplay(page);
    await scrubTo(page, 30_000);
    const st = await drawnState(page);
    expect(st.mode).toBe('reduced');
    expect(st.dots).toBe('0');
    expect(st.moving).toBe('0');
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('1');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    // Once it is really playing (the drawn time moves on), still nothing moves.
    await expect
      .poll(async () => Number((await drawnState(page)).time), { timeout: 20_000 })
      .toBeGreaterThan(Number(st.time) + 200);
    expect((await drawnState(page)).moving).toBe('0');
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await s.screenshot('classroom-reduced-motion');
  });

  it('the waterfall of a cold request shows its cold-start segment', async () => {
    await start();
    await openReplay(page);
    const picker = page.getByRole('combobox', { name: 'Open a request' });
    const coldOption = await picker.locator('option', { hasText: 'cold' }).first().getAttribute('value');
    expect(coldOption).not.toBeNull();
    await picker.selectOption(coldOption!);
    const wf = page.getByTestId('trace-waterfall');
    await wf.waitFor();
    const seg = wf.getByTestId('cold-segment');
    await expect.poll(() => seg.count(), { timeout: 10_000 }).toBe(1);
    const box = (await seg.boundingBox())!;
    expect(box.width).toBeGreaterThan(4);
    await expect(seg.getAttribute('title')).resolves.toMatch(/Cold start \(INIT\) \d/);
    await expect(wf.textContent()).resolves.toMatch(/cold start \d+ ms/);
    await wf.screenshot({ path: `${SCREENS}/classroom-waterfall-cold.png` });
    await s.screenshot('classroom-waterfall-page');

    // Clicking a dot opens its request too.
    await page.getByRole('button', { name: 'Close the request' }).click();
    await scrubTo(page, 3000);
    const first = (await drawnState(page)).firstDot;
    expect(first).toBeDefined();
    const [x, y] = first!.split(',').map(Number);
    await page.mouse.click(x, y);
    await wf.waitFor();
  });
});

const SCREENS = new URL('../../test-results/screenshots', import.meta.url).pathname;
