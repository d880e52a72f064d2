import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { hasBrowser, openApp, SCREENSHOTS, viewAtRest, waitForSave, type BrowserSession } from './browser';

const nodes = (page: Page) => page.locator('.react-flow__node');
const viewport = (page: Page) =>
  page.locator('.canvas .react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
const lessonBanner = (page: Page) => page.getByRole('region', { name: 'Lesson document' });

async function openLesson(page: Page, title: string) {
  await page.getByRole('button', { name: 'Lessons' }).click();
  await page.getByRole('button', { name: `Open lesson ${title}` }).click();
  await lessonBanner(page).waitFor();
}

/** Plays the lesson up to its question at `seconds` (scrub just before it, then step onto it). */
async function askAt(page: Page, seconds: number) {
  await page.getByTestId('replay-clock').waitFor({ timeout: 60_000 });
  await page.getByRole('slider', { name: 'Timeline' }).fill(String(seconds * 1000 - 1000));
  const question = page.getByTestId('lesson-question');
  for (let i = 0; i < 60 && (await question.count()) === 0; i++)
    await page.getByRole('button', { name: 'Step forward' }).click();
  await question.waitFor();
}

describe.skipIf(!hasBrowser)('a lesson opens as its own document', () => {
  let s: BrowserSession | null = null;
  afterEach(async () => {
    await s?.close();
    s = null;
  });

  it('back to my diagram restores the work, its view, selection and undo; a reload mid-lesson keeps both', async () => {
    s = await openApp({ width: 1366, height: 768 });
    const page = s.page;
    await page.locator('#scenario-name').fill('My own diagram');
    await page.getByRole('button', { name: 'Add SQS queue' }).click();
    await expect.poll(() => nodes(page).count()).toBe(4);
    await waitForSave(page, 'work');
    // The person's own view: zoomed with the wheel, one node selected.
    await page.locator('.canvas .react-flow__pane').hover();
    await page.mouse.wheel(0, 300);
    await viewAtRest(page);
    await page.getByTestId('node-queue').click();
    const myView = await viewport(page);

    await openLesson(page, 'Cold starts and keep-alive');
    await page.getByTestId('node-fn').waitFor();
    await expect(page.locator('#scenario-name').inputValue()).resolves.toBe('Cold starts and keep-alive');
    expect(await page.getByTestId('node-queue').count()).toBe(0);

    // The lesson's results stay folded while it asks: they would give the answers away.
    await expect.poll(() => page.getByTestId('results-drawer').getAttribute('class')).toMatch(/is-collapsed/);

    // A prediction is marked before the answer: a wrong pick is ✗, the right one shows with the answer.
    await askAt(page, 180);
    await page.getByRole('radio', { name: /They stay forever/ }).click();
    const verdict = page.getByTestId('lesson-verdict');
    await expect(verdict.textContent()).resolves.toMatch(/^✗ Not this one/);
    expect(await page.getByTestId('lesson-answer').count()).toBe(0);
    await expect(
      page.getByRole('radio', { name: /They stay forever/ }).getAttribute('data-mark'),
    ).resolves.toBe('wrong');
    for (const [w, h] of [
      [1366, 768],
      [1440, 900],
      [1920, 1080],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      await viewAtRest(page);
      await page.screenshot({ path: `${SCREENSHOTS}/lesson-document-wrong-${w}.png` });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('button', { name: 'Show the answer' }).click();
    await page.getByTestId('lesson-answer').waitFor();
    await expect(
      page.getByRole('radio', { name: /keep-alive runs out/ }).getAttribute('data-mark'),
    ).resolves.toBe('answer');
    await expect(verdict.textContent()).resolves.toMatch(/The right answer is “They stay idle/);
    await page.screenshot({ path: `${SCREENSHOTS}/lesson-document-answer-1366.png` });

    // Back, in the same tab: the diagram as it was, the same view, the same selection, and undo.
    await lessonBanner(page).getByRole('button', { name: 'Back to my diagram' }).click();
    await expect.poll(() => lessonBanner(page).count()).toBe(0);
    await expect(page.locator('#scenario-name').inputValue()).resolves.toBe('My own diagram');
    await expect.poll(() => nodes(page).count()).toBe(4);
    await viewAtRest(page); // past the automatic fit that follows a change of diagram
    expect(await viewport(page)).toBe(myView);
    await expect
      .poll(() => page.locator('.react-flow__node.selected [data-testid="node-queue"]').count(), {
        timeout: 10_000,
      })
      .toBe(1);
    await page.keyboard.press('Escape');
    await page.locator('.canvas .react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodes(page).count()).toBe(3);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => nodes(page).count()).toBe(4);
    await waitForSave(page, 'work');

    // A reload mid-lesson: the lesson comes back, and so does the way back to the work.
    await openLesson(page, 'Fan-out with a topic');
    await expect.poll(() => page.locator('#scenario-name').inputValue()).toMatch(/^Fan-out/);
    const lessonNodes = await nodes(page).count();
    await page.getByRole('button', { name: 'Add SNS topic' }).click();
    await expect.poll(() => nodes(page).count()).toBe(lessonNodes + 1);
    await waitForSave(page, 'lesson');
    await page.reload();
    await lessonBanner(page).waitFor();
    await expect(page.locator('#scenario-name').inputValue()).resolves.not.toBe('My own diagram');
    await expect.poll(() => page.getByTestId('lesson-card').count(), { timeout: 10_000 }).toBe(1);
    // The reloaded lesson folds its results and fits its diagram after its card shows: the
    // screenshot taken at once showed the diagram under the replay bar.
    await viewAtRest(page);
    await page.screenshot({ path: `${SCREENSHOTS}/lesson-document-reloaded-1366.png` });
    await lessonBanner(page).getByRole('button', { name: 'Back to my diagram' }).click();
    await expect.poll(() => page.locator('#scenario-name').inputValue()).toBe('My own diagram');
    await expect.poll(() => nodes(page).count()).toBe(4);
    // And that stays so after another reload.
    await page.reload();
    await page.getByTestId('node-queue').waitFor();
    expect(await lessonBanner(page).count()).toBe(0);
    await expect(page.locator('#scenario-name').inputValue()).resolves.toBe('My own diagram');
  }, 180_000);
});
