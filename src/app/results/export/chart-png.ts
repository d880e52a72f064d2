/**
 * A chart as a PNG: the chart's SVG is cloned with its computed styles inlined
 * (colours come from CSS variables, which a standalone SVG cannot resolve), drawn onto a
 * canvas at twice the size for crisp slides, under the chart's title and legend (which
 * are HTML beside the SVG, so they are drawn onto the canvas here).
 */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

export interface ChartImageParts {
  svg: SVGSVGElement;
  title: string;
  caption?: string;
  legend: { label: string; color: string }[];
  /** Computed colours of the card, so the PNG matches the theme on screen. */
  background: string;
  text: string;
  fontFamily: string;
}

export function inlineSvg(svg: SVGSVGElement): { markup: string; width: number; height: number } {
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, i) => {
    const target = to[i] as SVGElement | undefined;
    if (!target) return;
    const cs = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    target.setAttribute('style', style);
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return { markup: new XMLSerializer().serializeToString(clone), width, height };
}

export async function chartToPng(parts: ChartImageParts, scale = 2): Promise<Blob> {
  const { markup, width, height } = inlineSvg(parts.svg);
  const image = await loadImage(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  const pad = 16;
  const titlePx = 18;
  const legendPx = 13;
  const header = pad + titlePx + 8 + (parts.legend.length ? legendPx + 10 : 0);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil((width + pad * 2) * scale);
  canvas.height = Math.ceil((height + header + pad) * scale);
  const g = canvas.getContext('2d');
  if (!g) throw new Error('This browser cannot draw on a canvas');
  g.scale(scale, scale);
  g.fillStyle = parts.background;
  g.fillRect(0, 0, width + pad * 2, height + header + pad);
  g.fillStyle = parts.text;
  g.textBaseline = 'top';
  g.font = `600 ${titlePx}px ${parts.fontFamily}`;
  g.fillText(parts.title, pad, pad);
  if (parts.caption) {
    const w = g.measureText(parts.title).width;
    g.font = `400 ${legendPx}px ${parts.fontFamily}`;
    g.globalAlpha = 0.7;
    g.fillText(parts.caption, pad + w + 10, pad + (titlePx - legendPx) / 2);
    g.globalAlpha = 1;
  }
  let x = pad;
  const y = pad + titlePx + 8;
  g.font = `400 ${legendPx}px ${parts.fontFamily}`;
  for (const item of parts.legend) {
    g.fillStyle = item.color;
    g.fillRect(x, y + 2, 12, legendPx - 4);
    g.fillStyle = parts.text;
    g.fillText(item.label, x + 16, y);
    x += 16 + g.measureText(item.label).width + 18;
  }
  g.drawImage(image, pad, header, width, height);
  return canvasToBlob(canvas);
}

function loadImage(blob: Blob): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(blob);
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('The chart could not be drawn as an image'));
    };
    img.src = url;
  });
}

function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The image could not be encoded'))), 'image/png'),
  );
}
