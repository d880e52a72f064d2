import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import lzString from 'lz-string';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';
import { clockText } from '../../src/app/classroom/playback';
import { badgesFor } from '../../src/app/canvas/run-badges';
import type { NodeKind } from '../../src/engine/kinds/vocabulary';
import { hasBrowser, openBrowser, type BrowserSession } from './browser';

/** The API → function template, 30 s long: every request is traced, so the figures at t are exact. */
function shortDoc() {
  const doc = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../src/templates/api-function.json'), 'utf8'),
  );
  doc.settings.durationSeconds = 30;
  return doc;
}

const num = (s: string | null) => Number((s ?? '').replace(/[^\d.]/g, ''));

describe.skipIf(!hasBrowser)('classroom: everything on screen at time t', () => {
  let s: BrowserSession;
  afterEach(async () => {
    await s?.close();
  });

  it('badges and the big counters at a scrubbed t are those of a run that ends at t', async () => {
    s = await openBrowser({ width: 1920, height: 1080 });
    const { page } = s;
    const doc = shortDoc();
    await page.goto(
      `${inject('baseUrl')}?present#s=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`,
    );
    await page.getByTestId('replay-clock').waitFor({ timeout: 60_000 });
    const whole = simulate(doc, {});
    for (const t of [1.7, 12.25]) {
      await page.getByRole('slider', { name: 'Timeline' }).fill(String(t * 1000));
      const upTo = simulate(doc, { durationSeconds: t });
      const fn = upTo.nodes.handler.metrics as Record<string, number>;
      const badges = page.getByTestId('badges-handler');
      await expect.poll(() => badges.getAttribute('aria-label')).toMatch(/^At t = /);
      const items = await badges.getByRole('listitem').allTextContents();
      expect(num(items.find((x) => x.endsWith(' inv')) ?? ''), `invocations badge at ${t} s`).toBe(
        fn.invocations,
      );
      expect(num(items.find((x) => x.endsWith(' cold')) ?? ''), `cold badge at ${t} s`).toBe(fn.coldStarts);
      const api = await page.getByTestId('badges-api').getByRole('listitem').first().textContent();
      expect(num(api), `API badge at ${t} s`).toBe(
        (upTo.nodes.api.metrics as Record<string, number>).requests,
      );
      // The lesson's big counters: requests, cold starts, invocations, all at t.
      const values = await page.locator('.present-hud__value').allTextContents();
      expect(values.map(num)).toEqual([upTo.totals.requests, fn.coldStarts, fn.invocations]);
      expect(await page.locator('.present-hud__label').allTextContents()).not.toContain('(whole run)');
    }
    await s.screenshot('classroom-at-t-1920');
    // Closing the replay brings the whole run's figures back.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Close the replay' }).click();
    const items = await page.getByTestId('badges-handler').getByRole('listitem').allTextContents();
    expect(num(items.find((x) => x.endsWith(' inv')) ?? '')).toBe(
      (whole.nodes.handler.metrics as Record<string, number>).invocations,
    );
  });

  it('on ECS on EC2: utilisation, idle capacity and hosts at t (the host pool is recorded), nothing left off', async () => {
    s = await openBrowser({ width: 1920, height: 1080 });
    const { page } = s;
    const doc = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../src/templates/ecs-on-ec2.json'), 'utf8'),
    );
    // 80 s before the spike: every request traced, so each count at t is exact.
    doc.settings.durationSeconds = 80;
    doc.nodes[0].params.traffic.peakRatePerSecond = 20;
    await page.goto(
      `${inject('baseUrl')}?present#s=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`,
    );
    await page.getByTestId('replay-clock').waitFor({ timeout: 60_000 });
    for (const t of [31.3, 62.7]) {
      await page.getByRole('slider', { name: 'Timeline' }).fill(String(t * 1000));
      await expect
        .poll(() => page.getByTestId('badges-web').getAttribute('aria-label'))
        .toBe(`At t = ${clockText(t * 1000)}`);
      const upTo = simulate(doc, { durationSeconds: t });
      let shown = 0;
      for (const n of doc.nodes as { id: string; kind: NodeKind }[]) {
        const truth = badgesFor(n.kind, upTo.nodes[n.id].metrics as unknown as Record<string, number>).map(
          (b) => b.text,
        );
        const items = page.getByTestId(`badges-${n.id}`).locator('.run-badge:not(.run-badge--later)');
        for (const text of await items.allTextContents()) {
          expect(truth, `${n.id} at ${t} s`).toContain(text.replace(/^⚠ /, '').replace(/^≈ /, ''));
          shown++;
        }
      }
      expect(shown).toBeGreaterThan(4);
      // The utilisation and idle-capacity badges are there, at t (the pool's levels are recorded).
      const web = upTo.nodes.web.metrics as unknown as Record<string, number>;
      await expect
        .poll(() => page.getByTestId('badges-web').getByRole('listitem').allTextContents())
        .toEqual(
          expect.arrayContaining([
            `${Math.round(web.meanUtilization * 100)}% util`,
            `${Math.round(web.idleCapacity * 100)}% idle`,
          ]),
        );
      // Nothing is left off, so no node carries the mark and the key has no row about it.
      expect(await page.getByTestId('not-at-t-web').count()).toBe(0);
      expect(await page.getByTestId('legend-not-at-t').isVisible()).toBe(false);
      // The big counters: tasks at most so far, EC2 hosts at most so far (the pool's recorded
      // level) and turned-away requests (the recorder counts each 503), each a run's that ends at t.
      const counters = page.locator('.present-hud__counter');
      expect(await counters.count()).toBe(3);
      expect(num(await counters.nth(0).locator('.present-hud__value').textContent())).toBe(web.maxInstances);
      expect(num(await counters.nth(1).locator('.present-hud__value').textContent())).toBe(web.hostsMax);
      expect(await counters.nth(1).locator('.present-hud__label').textContent()).not.toMatch(/not counted/);
      expect(num(await counters.nth(2).locator('.present-hud__value').textContent())).toBe(web.rejected);
      expect(await page.locator('.present-hud').textContent()).not.toContain('whole run');
    }
    await s.screenshot('classroom-at-t-ecs-1920');
  });
});
