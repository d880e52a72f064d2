import { afterEach, describe, expect, it } from 'vitest';
import { hasBrowser, openApp, type BrowserSession } from './browser';
import { NODE_KINDS } from '../../src/engine/kinds/registry';

/**
 * Each kind's picture comes from its own folder (kinds/<kind>/icon.ts) through the bundler's
 * glob: in the production build every palette item and every node on the canvas shows a
 * loaded image, each kind its own.
 */
describe.skipIf(!hasBrowser)("kinds' pictures in the production build", () => {
  let s: BrowserSession | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1440, height: 900 },
    { width: 1920, height: 1080 },
  ]) {
    it(`at ${size.width}×${size.height} the palette shows every kind's picture, loaded, and the canvas nodes theirs`, async () => {
      s = await openApp(size);
      const { page } = s;
      const items = page.locator('.palette__item');
      await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(NODE_KINDS.length);
      const loaded = () =>
        items.evaluateAll((els) =>
          els.map((el) => {
            const img = el.querySelector<HTMLImageElement>('.kind-icon img');
            return {
              kind: el.getAttribute('data-kind'),
              src: img?.getAttribute('src') ?? '',
              ok: !!img && img.complete && img.naturalWidth > 0,
            };
          }),
        );
      await expect
        .poll(async () => (await loaded()).filter((i) => !i.ok).map((i) => i.kind), {
          timeout: 10_000,
        })
        .toEqual([]);
      const shown = await loaded();
      expect(shown.map((i) => i.kind).sort()).toEqual([...NODE_KINDS].sort());
      // Each kind its own picture (no two kinds share one today).
      expect(new Set(shown.map((i) => i.src)).size).toBe(NODE_KINDS.length);
      const nodeImgs = page.locator('.react-flow__node .kind-icon img');
      expect(await nodeImgs.count()).toBeGreaterThan(0);
      expect(
        await nodeImgs.evaluateAll((els) =>
          els.every((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth > 0),
        ),
      ).toBe(true);
      await s.screenshot(`kind-icons-${size.width}`);
    });
  }
});
