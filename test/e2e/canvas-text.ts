import type { Page } from 'playwright-core';

/**
 * Text drawn on the canvas smaller than 10 px on screen (font size × zoom × an edge label's own
 * scale), and text cut off (content wider than its box). Hidden text does not count.
 */
export async function unreadableText(page: Page): Promise<{ small: string[]; cut: string[]; zoom: number }> {
  return page.evaluate(() => {
    const vp = document.querySelector('.react-flow__viewport')!;
    const zoom = Number(/matrix\(([^,]+)/.exec(getComputedStyle(vp).transform)?.[1] ?? 1);
    const small: string[] = [];
    const cut: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node *, .kind-edge__label')) {
      const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim());
      if (!text || el.offsetParent === null || el.closest('.visually-hidden')) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      const own = /scale\(([\d.]+)\)/.exec(el.style.transform)?.[1];
      const px = parseFloat(getComputedStyle(el).fontSize) * zoom * Number(own ?? 1);
      if (px < 9.95) small.push(`${el.className} "${el.textContent}" ${px.toFixed(1)} px`);
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
        cut.push(`${el.className} "${el.textContent}" ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return { small, cut, zoom };
  });
}
