import { counterAtT, counterText } from './counters';
import { DrawnDots, drawDots } from './draw-dots';
import { drawInternals, type Colors } from './draw-internals';
import { clockText } from './playback';
import { dotsAt } from './replay';
import type { ReplayData } from './replay-data';
import type { Scene } from './scene';

/**
 * One picture of the replay at simulated time t, for a video, a GIF or the handout: the
 * diagram (edges and node boxes with their names), what is inside the nodes, the moving
 * requests, and a header with the title, the clock and three counters. Drawn on any 2D canvas
 * from the scene's geometry: nothing is read from the page, so the same t gives the same
 * picture whatever the screen shows.
 */

/** Light colours whatever the app's theme: exports go on slides and paper. */
export const EXPORT_COLORS: Colors = {
  surface: '#ffffff',
  text: '#111827',
  muted: '#4b5563',
  border: '#cbd5e1',
  accent: '#1d5cc0',
};

const HEADER = 0.09;

export interface FrameLayout {
  width: number;
  height: number;
  /** Flow coordinates → canvas pixels: x' = x·k + dx. */
  k: number;
  dx: number;
  dy: number;
  header: number;
}

/** Fits the diagram (with room under the nodes for their insides) below the header. */
export function frameLayout(scene: Scene, width: number, height: number): FrameLayout {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of scene.boxes.values()) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w * 1.6);
    y1 = Math.max(y1, b.y + b.h + 60);
  }
  for (const l of scene.lines.values())
    for (const p of l.pts) {
      x0 = Math.min(x0, p.x);
      y0 = Math.min(y0, p.y);
      x1 = Math.max(x1, p.x);
      y1 = Math.max(y1, p.y);
    }
  if (!Number.isFinite(x0)) [x0, y0, x1, y1] = [0, 0, 100, 100];
  const header = Math.round(height * HEADER);
  const pad = Math.round(width * 0.03);
  const w = width - 2 * pad;
  const h = height - header - 2 * pad;
  const k = Math.min(w / Math.max(1, x1 - x0), h / Math.max(1, y1 - y0), 2.5);
  return {
    width,
    height,
    k,
    dx: pad + (w - (x1 - x0) * k) / 2 - x0 * k,
    dy: header + pad + (h - (y1 - y0) * k) / 2 - y0 * k,
    header,
  };
}

export interface FrameText {
  title: string;
  /** Counter paths (as a lesson names them): at most three are drawn. */
  counters: readonly string[];
}

export function drawFrame(
  ctx: CanvasRenderingContext2D,
  data: ReplayData,
  scene: Scene,
  lay: FrameLayout,
  t: number,
  text: FrameText,
  drawn = new DrawnDots(),
): void {
  const c = EXPORT_COLORS;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = c.surface;
  ctx.fillRect(0, 0, lay.width, lay.height);
  ctx.setTransform(lay.k, 0, 0, lay.k, lay.dx, lay.dy);
  drawDiagram(ctx, data, scene, c);
  drawInternals(ctx, data, scene.boxes, t, c, false, lay.k);
  const r = 5.5;
  drawDots(ctx, dotsAt(data.replay, t), scene, r, false, c.surface, null, drawn, {
    k: lay.k,
    dx: lay.dx,
    dy: lay.dy,
  });
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  drawHeader(ctx, data, lay, t, text);
}

function drawDiagram(ctx: CanvasRenderingContext2D, data: ReplayData, scene: Scene, c: Colors): void {
  ctx.strokeStyle = '#94a3b8';
  ctx.lineWidth = 1.5;
  for (const line of scene.lines.values()) {
    const pts = line.pts;
    if (pts.length < 2) continue;
    ctx.beginPath();
    ctx.moveTo(pts[0].x, pts[0].y);
    for (let i = 1; i < pts.length; i++) ctx.lineTo(pts[i].x, pts[i].y);
    ctx.stroke();
    // An arrowhead at the target.
    const a = pts[pts.length - 2];
    const b = pts[pts.length - 1];
    const ang = Math.atan2(b.y - a.y, b.x - a.x);
    ctx.fillStyle = '#94a3b8';
    ctx.beginPath();
    ctx.moveTo(b.x, b.y);
    ctx.lineTo(b.x - 8 * Math.cos(ang - 0.4), b.y - 8 * Math.sin(ang - 0.4));
    ctx.lineTo(b.x - 8 * Math.cos(ang + 0.4), b.y - 8 * Math.sin(ang + 0.4));
    ctx.fill();
  }
  ctx.textBaseline = 'top';
  for (const [id, b] of scene.boxes) {
    ctx.fillStyle = c.surface;
    ctx.strokeStyle = KIND_COLOR[data.kinds.get(id) ?? ''] ?? '#64748b';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.roundRect(b.x, b.y, b.w, b.h, 6);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = ctx.strokeStyle;
    ctx.fillRect(b.x, b.y + 4, 4, b.h - 8);
    ctx.fillStyle = c.text;
    ctx.font = '600 13px system-ui, sans-serif';
    wrap(ctx, data.labels.get(id) ?? id, b.x + 10, b.y + 8, b.w - 16, 16, 3);
  }
}

/** The kinds' colours on the canvas (the AWS category colours). */
const KIND_COLOR: Record<string, string> = {
  function: '#ed7100',
  apiGateway: '#8c4fff',
  queue: '#e7157b',
  topic: '#e7157b',
  eventBus: '#e7157b',
  stream: '#8c4fff',
  table: '#c925d1',
  bucket: '#7aa116',
  server: '#ed7100',
  container: '#ed7100',
  loadBalancer: '#8c4fff',
  producer: '#475569',
  schedule: '#e7157b',
};

function wrap(
  ctx: CanvasRenderingContext2D,
  s: string,
  x: number,
  y: number,
  w: number,
  lh: number,
  maxLines: number,
): void {
  const words = s.split(/\s+/);
  let line = '';
  let n = 0;
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > w && line) {
      ctx.fillText(line, x, y + n * lh, w);
      n++;
      line = word;
      if (n === maxLines) return;
    } else line = next;
  }
  if (line && n < maxLines) ctx.fillText(line, x, y + n * lh, w);
}

function drawHeader(
  ctx: CanvasRenderingContext2D,
  data: ReplayData,
  lay: FrameLayout,
  t: number,
  text: FrameText,
) {
  const c = EXPORT_COLORS;
  const h = lay.header;
  ctx.fillStyle = '#f1f5f9';
  ctx.fillRect(0, 0, lay.width, h);
  ctx.fillStyle = c.border;
  ctx.fillRect(0, h - 1, lay.width, 1);
  const big = Math.round(h * 0.5);
  const small = Math.round(h * 0.3);
  ctx.textBaseline = 'middle';
  const clock = `t = ${clockText(t)}`;
  ctx.font = `700 ${big}px system-ui, sans-serif`;
  const clockW = ctx.measureText(clock).width;
  ctx.fillStyle = c.text;
  ctx.fillText(clock, lay.width - clockW - h * 0.3, h / 2);
  // Only what is counted at t: a frame shows one instant.
  const counters = text.counters
    .slice(0, 3)
    .map((p) => counterAtT(data, p, t))
    .filter((v) => !v.notAtT);
  ctx.font = `600 ${small}px system-ui, sans-serif`;
  const figures = counters.map((v) => `${v.label} ${counterText(v)}`).join('   ·   ');
  const titleW = lay.width * 0.32;
  ctx.fillText(text.title, h * 0.3, h / 2, titleW);
  ctx.fillStyle = c.accent;
  ctx.fillText(figures, h * 0.3 + titleW + h * 0.4, h / 2, lay.width - clockW - titleW - h * 1.3);
}
