import type { Page } from 'playwright-core';

export interface ContrastFailure {
  text: string;
  where: string;
  ratio: number;
  needs: number;
  color: string;
  background: string;
}

/**
 * WCAG 2 contrast of every visible piece of text inside `scope` against what is behind it:
 * the nearest ancestor background, composited over the ones beneath when translucent, with
 * the element's (and its ancestors') opacity applied to the text. AA: 4.5:1, or 3:1 for large
 * text (24 px, or 18.66 px bold). Disabled controls are exempt (WCAG 1.4.3), as is text over
 * an image or a gradient (not computable here; none of the app's text sits on one).
 */
export function checkContrast(page: Page, scope = 'body'): Promise<ContrastFailure[]> {
  return page.evaluate((scopeSel) => {
    type RGBA = [number, number, number, number];
    const parse = (c: string): RGBA | null => {
      const m = /^rgba?\(([^)]+)\)$/.exec(c.trim());
      if (!m) return null;
      const p = m[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const over = (top: RGBA, under: RGBA): RGBA => {
      const a = top[3] + under[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      return [0, 1, 2]
        .map((i) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a)
        .concat(a) as RGBA;
    };
    const lum = (c: RGBA) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
      };
      return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
    };
    /** The opaque colour behind `el`, or null when an image or gradient is in the way. */
    const backdrop = (el: Element): RGBA | null => {
      const layers: RGBA[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        if (cs.backgroundImage && cs.backgroundImage !== 'none') return null;
        const bg = parse(cs.backgroundColor);
        if (bg && bg[3] > 0) {
          layers.push(bg);
          if (bg[3] >= 1) break;
        }
      }
      let c: RGBA = [255, 255, 255, 1];
      for (let i = layers.length - 1; i >= 0; i--) c = over(layers[i], c);
      return c;
    };
    const opacityOf = (el: Element) => {
      let o = 1;
      for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      return o;
    };
    const describe = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && parts.length < 3; e = e.parentElement) {
        const cls =
          typeof e.className === 'string' && e.className
            ? `.${e.className.trim().split(/\s+/).slice(0, 2).join('.')}`
            : '';
        parts.unshift(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${cls}`);
      }
      return parts.join(' > ');
    };
    const failures: ContrastFailure[] = [];
    const seen = new Set<Element>();
    const root = document.querySelector(scopeSel) ?? document.body;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!text || !el || seen.has(el)) continue;
      seen.add(el);
      if (el.closest('[aria-hidden="true"], .visually-hidden, script, style, svg, [hidden]')) continue;
      if (el.closest(':disabled, [aria-disabled="true"]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.bottom < 0 || r.right < 0 || r.top > innerHeight || r.left > innerWidth) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility !== 'visible') continue;
      const bg = backdrop(el);
      const fg = parse(cs.color);
      if (!bg || !fg) continue;
      const alpha = fg[3] * opacityOf(el);
      const shown = over([fg[0], fg[1], fg[2], alpha], bg);
      const l1 = lum(shown);
      const l2 = lum(bg);
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      const px = parseFloat(cs.fontSize);
      const bold = Number(cs.fontWeight) >= 700;
      const needs = px >= 24 || (bold && px >= 18.66) ? 3 : 4.5;
      if (ratio < needs - 0.005) {
        failures.push({
          text: text.slice(0, 40),
          where: describe(el),
          ratio: Math.round(ratio * 100) / 100,
          needs,
          color: cs.color,
          background: `rgb(${bg.slice(0, 3).map(Math.round).join(', ')})`,
        });
      }
    }
    return failures;
  }, scope);
}
