/**
 * The diagram as an image: React Flow's viewport element rendered by html-to-image, framed
 * around all nodes (not just what is scrolled into view) at zoom 1. html-to-image is pinned
 * to 1.11.11, the last version React Flow's own download-image example works with. It is
 * loaded on the first export, not with the page.
 */
const PAD = 40;

export type DiagramFormat = 'png' | 'svg';

export async function diagramImage(
  format: DiagramFormat,
  root: Element | null = document.querySelector('.react-flow'),
): Promise<string> {
  const viewport = root?.querySelector<HTMLElement>('.react-flow__viewport');
  if (!root || !viewport) throw new Error('There is no diagram on the page to export');
  const bounds = flowBounds(viewport);
  if (!bounds) throw new Error('The diagram is empty: add a node first');
  const width = Math.ceil(bounds.width + PAD * 2);
  const height = Math.ceil(bounds.height + PAD * 2);
  const options = {
    backgroundColor: opaqueBackground(root),
    width,
    height,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${PAD - bounds.x}px, ${PAD - bounds.y}px) scale(1)`,
    },
  };
  const { toPng, toSvg } = await import('html-to-image');
  return format === 'png' ? toPng(viewport, { ...options, pixelRatio: 2 }) : toSvg(viewport, options);
}

/** Bounds of all nodes in flow coordinates, read from the DOM (zoom and pan undone). */
function flowBounds(viewport: HTMLElement): { x: number; y: number; width: number; height: number } | null {
  const nodes = viewport.querySelectorAll('.react-flow__node');
  if (nodes.length === 0) return null;
  const origin = viewport.getBoundingClientRect();
  const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a || 1;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  nodes.forEach((n) => {
    const r = n.getBoundingClientRect();
    x0 = Math.min(x0, (r.left - origin.left) / zoom);
    y0 = Math.min(y0, (r.top - origin.top) / zoom);
    x1 = Math.max(x1, (r.right - origin.left) / zoom);
    y1 = Math.max(y1, (r.bottom - origin.top) / zoom);
  });
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The canvas colour behind the diagram, walking up past transparent ancestors. */
function opaqueBackground(el: Element | null): string {
  for (let e = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) return c;
  }
  return '#ffffff';
}

/** A data URL as a Blob, for downloadBlob. */
export async function dataUrlToBlob(dataUrl: string): Promise<Blob> {
  return (await fetch(dataUrl)).blob();
}
