import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORY_COLOURS, categoryColour, kindOfIconPath, PICTURES } from '../../src/app/canvas/kind-icons';
import { NODE_KINDS } from '../../src/engine/kinds/registry';

const KINDS_DIR = resolve(import.meta.dirname, '../../src/engine/kinds');

describe("each kind's picture lives in its folder", () => {
  it('every kind has a picture, gathered from kinds/<kind>/icon.ts', () => {
    expect(Object.keys(PICTURES).sort()).toEqual([...NODE_KINDS].sort());
    for (const kind of NODE_KINDS) expect(existsSync(join(KINDS_DIR, kind, 'icon.ts'))).toBe(true);
  });

  it('each picture is an SVG from the aws-icons package, with a category the app colours', () => {
    for (const kind of NODE_KINDS) {
      const p = PICTURES[kind];
      // Vite serves an imported SVG as a URL to the package's file (or inlines it as a data URL).
      expect(p.src, kind).toMatch(/aws-icons\/icons\/.+\.svg$|^data:image\/svg\+xml/);
      expect(Object.keys(CATEGORY_COLOURS), kind).toContain(p.category);
    }
    // Spot checks against the icons the kinds have always had.
    expect(PICTURES.queue.src).toMatch(/Simple-?Queue-?Service/);
    expect(PICTURES.producer).toMatchObject({ category: 'general', resource: true });
    expect(categoryColour('function')).toBe(CATEGORY_COLOURS.compute);
    expect(categoryColour('table')).toBe(CATEGORY_COLOURS.database);
  });

  it('no folder under kinds/ has an icon.ts without being a kind', () => {
    const withIcon = readdirSync(KINDS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(KINDS_DIR, d.name, 'icon.ts')))
      .map((d) => d.name);
    expect(withIcon.sort()).toEqual([...NODE_KINDS].sort());
  });

  it("a picture's kind is its folder's name", () => {
    expect(kindOfIconPath('../../engine/kinds/loadBalancer/icon.ts')).toBe('loadBalancer');
    expect(() => kindOfIconPath('../../engine/kinds/icon.ts')).toThrow(/kinds\/<kind>\/icon\.ts/);
  });
});
