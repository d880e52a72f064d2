import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { hasBrowser, openApp, type BrowserSession } from './browser';

const settle = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

describe.skipIf(!hasBrowser)('classroom: presenter window', () => {
  let s: BrowserSession;
  afterEach(async () => {
    await s?.close();
  });

  it('the presenter and projector windows stay in step through play, pause, scrub and lesson steps', async () => {
    s = await openApp({ width: 1920, height: 1080 });
    const projector = s.page;
    await projector.getByRole('button', { name: 'Lessons' }).click();
    await projector.getByRole('button', { name: 'Open lesson Cold starts and keep-alive' }).click();
    await projector.getByTestId('replay-clock').waitFor({ timeout: 60_000 });
    const [presenter] = await Promise.all([
      s.context.waitForEvent('page'),
      projector.getByRole('button', { name: 'Open presenter view' }).click(),
    ]);
    await presenter.getByTestId('presenter').waitFor({ timeout: 30_000 });
    // The projector shows the room's view only: no lesson card, no replay bar.
    await projector.getByTestId('present-hud').waitFor();
    await expect.poll(() => projector.getByTestId('lesson-card').count()).toBe(0);
    await expect.poll(() => projector.getByTestId('replay-clock').isVisible()).toBe(false);
    const projectorTime = async () => {
      await settle(projector);
      return Number(await projector.getByTestId('replay-canvas').getAttribute('data-time'));
    };
    const presenterClock = () => presenter.getByTestId('presenter-clock').textContent();
    const hudClock = async () =>
      ((await projector.locator('.present-hud__clock').textContent()) ?? '').replace('t =', '').trim();

    // Scrub from the presenter: the projector draws that time.
    await presenter.getByRole('slider', { name: 'Timeline' }).fill('300');
    await expect.poll(projectorTime).toBe(300);
    await expect.poll(presenterClock).toBe('0.30 s');
    expect(await hudClock()).toBe('0.30 s');

    // Play from the presenter: the lesson's pause point (0.5 s) stops both, and the question is
    // on the presenter's screen with its answer.
    await presenter.getByRole('combobox', { name: 'Speed' }).selectOption('1');
    await presenter.getByRole('button', { name: 'Play', exact: true }).click();
    const question = presenter.getByTestId('presenter-question');
    await question.waitFor({ timeout: 20_000 });
    await expect(question.textContent()).resolves.toMatch(/first burst begins/);
    await expect(question.textContent()).resolves.toMatch(/Answer \(only on this screen\)/);
    expect(await projectorTime()).toBe(500);
    await expect.poll(presenterClock).toBe('0.50 s');
    await s.screenshot('classroom-projector-1920');
    // The projector's diagram takes the room the replay bar left: its nodes' small print (the
    // details line) is at least 24 px on the 1920 px screen, no panel covers a node, and the
    // key to the dots is on this screen too.
    const onScreenPx = (sel: string) =>
      projector.evaluate((q) => {
        const el = document.querySelector<HTMLElement>(q)!;
        const vp = document.querySelector<HTMLElement>('.react-flow__viewport')!;
        const zoom = new DOMMatrixReadOnly(getComputedStyle(vp).transform).a;
        return parseFloat(getComputedStyle(el).fontSize) * zoom;
      }, sel);
    await expect
      .poll(() => onScreenPx('.kind-node__summary'), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(24);
    expect(await projector.evaluate(() => document.documentElement.dataset.present)).toBe('true');
    const covered = await projector.evaluate(() => {
      const boxes = (q: string) =>
        [...document.querySelectorAll<HTMLElement>(q)]
          .filter((e) => e.offsetParent !== null)
          .map((e) => e.getBoundingClientRect());
      const panels = boxes('.react-flow__panel');
      return boxes('.react-flow__node').filter((n) =>
        panels.some((p) => p.left < n.right && n.left < p.right && p.top < n.bottom && n.top < p.bottom),
      ).length;
    });
    expect(covered, 'nodes under a panel on the projector').toBe(0);
    expect(
      await projector.getByRole('list', { name: 'What the dots and marks mean' }).textContent(),
    ).toContain('Cold start');
    await presenter.setViewportSize({ width: 1366, height: 768 });
    await presenter.screenshot({ path: `${SCREENS}/classroom-presenter-1366.png` });

    // The projector's clicker reveals the answer: the presenter sees it revealed.
    await projector.keyboard.press('PageDown');
    await expect.poll(() => question.textContent()).toMatch(/Answer \(shown to the room\)/);
    // The presenter continues: both play, then the presenter pauses and both stop at the same time.
    await presenter.getByRole('button', { name: /Continue/ }).click();
    await expect.poll(() => presenter.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    await presenter.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => presenter.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    const t = await projectorTime();
    expect(t).toBeGreaterThan(500);
    await expect.poll(presenterClock).toBe(await hudClock());
    // Steps from either window move both.
    await presenter.getByRole('button', { name: 'Step back' }).click();
    await expect.poll(projectorTime).toBeLessThan(t);
    await projector.keyboard.press('ArrowRight');
    await expect.poll(async () => (await presenterClock()) === (await hudClock())).toBe(true);
    // Play and pause from the projector (Space, or a clicker's play key): the presenter's
    // controls follow, and both stop at the same time.
    await projector.keyboard.press('Space');
    await expect.poll(() => presenter.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    const before = await projectorTime();
    await expect.poll(projectorTime).toBeGreaterThan(before);
    await projector.keyboard.press('Space');
    await expect.poll(() => presenter.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    await expect.poll(async () => (await presenterClock()) === (await hudClock())).toBe(true);

    // Closing the presenter window brings the replay bar back.
    await presenter.close();
    await expect.poll(() => projector.getByTestId('replay-clock').isVisible()).toBe(true);
  });

  it("the presenter's screen marks the right choice from the start, and a pick ✓ or ✗", async () => {
    s = await openApp({ width: 1920, height: 1080 });
    const projector = s.page;
    await projector.getByRole('button', { name: 'Lessons' }).click();
    await projector
      .getByRole('button', { name: 'Open lesson Cold starts behind an API (the command pattern)' })
      .click();
    await projector.getByTestId('replay-clock').waitFor({ timeout: 60_000 });
    const [presenter] = await Promise.all([
      s.context.waitForEvent('page'),
      projector.getByRole('button', { name: 'Open presenter view' }).click(),
    ]);
    await presenter.getByTestId('presenter').waitFor({ timeout: 30_000 });
    await presenter.getByRole('button', { name: 'Play', exact: true }).click();
    const question = presenter.getByTestId('presenter-question');
    await question.waitFor({ timeout: 20_000 });
    // api-function.json, step 1: the third choice is right.
    const choices = question.locator('.presenter__choices button');
    await expect.poll(() => choices.count(), { timeout: 10_000 }).toBe(3);
    const marks = () => choices.evaluateAll((bs) => bs.map((b) => b.getAttribute('data-mark')));
    await expect(marks()).resolves.toEqual([null, null, 'answer']);
    await expect(choices.nth(2).textContent()).resolves.toBe('✓ Slower: an environment must start first');
    await choices.nth(0).click();
    await expect.poll(marks).toEqual(['wrong', null, 'answer']);
    await expect(choices.nth(0).textContent()).resolves.toBe('✗ Quicker: nothing else is running');
    await presenter.screenshot({ path: `${SCREENS}/classroom-presenter-marks-1920.png` });
  });
});

const SCREENS = new URL('../../test-results/screenshots', import.meta.url).pathname;
