import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, openApp, openBrowser, type BrowserSession } from './browser';

// axe-core's own build, injected into the page (no wrapper package needed).
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious and critical WCAG A/AA violations on the page now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<unknown> } }).axe;
    const r = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    })) as { violations: unknown[] };
    return r.violations;
  });
  return (violations as Violation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function runToEnd(page: Page) {
  await page.keyboard.press('Control+Enter');
  await page
    .locator('.run-progress-text')
    .filter({ hasText: /^Done:/ })
    .waitFor({ timeout: 60_000 });
}

describe.skipIf(!hasBrowser)('axe-core: no serious or critical violation', () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('on the editor, in the light and the dark theme', async () => {
    s = await openApp({ width: 1440, height: 900 });
    expect(await seriousViolations(s.page)).toEqual([]);
    await s.page.getByRole('button', { name: 'Switch to dark theme' }).click();
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it('on the results', async () => {
    s = await openApp({ width: 1440, height: 900 });
    await runToEnd(s.page);
    await s.page.locator('.results-panel').waitFor();
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it('on the compare view', async () => {
    s = await openBrowser({ width: 1440, height: 900 });
    await s.page.goto(`${inject('baseUrl')}?compare=preset`);
    await s.page.getByRole('dialog', { name: 'Compare designs' }).waitFor({ timeout: 60_000 });
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it('in presentation mode', async () => {
    s = await openBrowser({ width: 1920, height: 1080 });
    await s.page.goto(`${inject('baseUrl')}?present`);
    await s.page.getByTestId('node-clients').waitFor();
    await s.page.locator('.present-hud').waitFor({ timeout: 60_000 });
    expect(await seriousViolations(s.page)).toEqual([]);
  });
});
