import { drawInsides, oneLine, wrapLines } from './draw-insides';
import type { Box } from './geometry';
import type { InsidesBounds } from './insides-bounds';
import { planInsides, type Fit } from './insides-plan';
import { functionAt, gaugesAt, type EnvAt } from './internals';
import { edgeRates, type DotAt } from './replay';
import type { ReplayData } from './replay-data';
import type { Scene } from './scene';
import { presentPx } from './present-type';

/** What is inside the nodes, drawn on the replay canvas under the dots (flow coordinates). */
export interface Colors {
  surface: string;
  text: string;
  muted: string;
  border: string;
  accent: string;
}

const ENV_COLORS = { starting: '#d97706', busy: '#2563eb', idle: 'transparent' };

/**
 * Presenting a diagram too large for the room at full detail (use-present-layout.ts sets it):
 * a function's insides in less height, its words on one line without the limit (the line
 * under the node shows concurrency against it) and its environments in one row.
 */
export const presentInsides = { compact: false };
const MAX_SLOTS = 32;

/**
 * A function's environments as slots under the node; a queue's messages, a stream's lanes, a
 * server's or container service's slots from the recording (draw-insides.ts); other kinds'
 * gauges from their series.
 */
export function drawInternals(
  canvasCtx: CanvasRenderingContext2D,
  data: ReplayData,
  boxes: Map<string, Box>,
  t: number,
  c: Colors,
  presenting: boolean,
  zoom = 1,
  /** The smallest text on screen, px: textPxFor(). */
  minPx = 0,
  /** When given, gets the nodes whose insides the node below cuts short (for tests: the paused digest). */
  cut?: string[],
  /** When given, gets the box each node's insides were drawn in (paused only: it is not free). */
  bounds?: InsidesBounds,
  /** Normal mode: the edges' labels, which the insides keep clear of (label-boxes.ts). */
  labels: readonly Box[] = [],
): number {
  const ctx = bounds ? bounds.track(canvasCtx) : canvasCtx;
  // At least minPx on screen whatever the zoom (a large diagram fitted on a laptop is zoomed
  // out far enough to make 11 units 7 px).
  const font = insidesFont(presenting, zoom, minPx);
  if (!presenting) {
    // Normal mode: each node's insides in the room its neighbours leave (insides-plan.ts).
    for (const [id, p] of planInsides(data, boxes, font, canvasCtx, labels)) {
      const box = boxes.get(id)!;
      if (p.fit.level > 0 && cut) cut.push(id);
      if (p.fit.level === 3) continue;
      bounds?.begin(id);
      ctx.save();
      // What the samples of the plan did not meet (a busier instant) stays in the room too.
      ctx.beginPath();
      ctx.rect(
        p.space.x0 - 2,
        p.space.y0,
        p.space.x1 - p.space.x0 + 2,
        Math.min(p.space.y1, 1e6) - p.space.y0,
      );
      ctx.clip();
      drawNodeInsides(ctx, data, id, data.kinds.get(id)!, box, t, c, false, font, null, false, p.fit);
      ctx.restore();
      bounds?.end();
    }
    return font;
  }
  for (const [id, kind] of data.kinds) {
    const box = boxes.get(id);
    if (!box) continue;
    bounds?.begin(id);
    const compact = presenting && presentInsides.compact;
    const drew = drawNodeInsides(ctx, data, id, kind, box, t, c, presenting, font, boxes, compact);
    bounds?.end();
    if (cut && drew !== false && isCut(box, boxes, font, drew, reachOf(presenting))) cut.push(id);
  }
  return font;
}

/** How far right of a node's left edge its insides reach, in node widths (draw-insides.ts roomRight). */
const reachOf = (presenting: boolean) => (presenting ? 1 : 1.2);

/**
 * The insides' type size in flow units. Normal mode rounds it up to a quarter unit: the plan of
 * what fits under each node (insides-plan.ts) is worked out again only when it changes.
 */
export function insidesFont(presenting: boolean, zoom: number, minPx: number): number {
  if (presenting) return Math.max(15, minPx / zoom);
  return Math.max(11, Math.ceil((minPx / zoom) * 4) / 4);
}

/**
 * One node's insides under its box at t; returns the y below them (false: it draws none). With
 * `boxes`, they are cut off above the node below (clipBelow); without, drawn whole (measuring).
 */
export function drawNodeInsides(
  ctx: CanvasRenderingContext2D,
  data: ReplayData,
  id: string,
  kind: string,
  box: Box,
  t: number,
  c: Colors,
  presenting: boolean,
  font: number,
  boxes: Map<string, Box> | null,
  compact = false,
  /** Normal mode: how much to draw and how wide (insides-plan.ts); presenting: undefined. */
  fit?: Fit,
): number | false {
  ctx.font = `600 ${font}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  const tl = kind === 'function' ? data.internals.functions.get(id) : undefined;
  if (tl) {
    ctx.save();
    if (boxes) clipBelow(ctx, box, boxes, font, reachOf(presenting));
    const fa = functionAt(tl, t);
    const y0 = box.y + box.h + 6;
    ctx.fillStyle = c.text;
    const starting = fa.envs.filter((e) => e.phase === 'starting').length;
    const idle = fa.envs.length - fa.busy;
    const parts = [`${fa.busy} busy${starting ? ` (${starting} starting)` : ''}`, `${idle} idle`];
    if (fit) compact = fit.level === 1;
    if (!compact && fit?.level !== 2) parts.push(`limit ${fa.limit.toLocaleString('en-US')}`);
    const barY = box.y + box.h + 2;
    if (fit?.level === 2) {
      // One line and the bar: the room below is short.
      const bottom = oneLine(ctx, parts, box.x, y0, fit.width, { font, c });
      drawLimitBar(ctx, box, barY, fa.busy, fa.limit, c);
      ctx.restore();
      return bottom;
    }
    let y1: number;
    if (fit) y1 = wrapLines(ctx, parts, box.x, y0, fit.width, font) - 5 - font;
    else if (presenting) {
      // Presenting: within the node's width, wrapped (a neighbour's edge starts just past it).
      y1 = wrapLines(ctx, parts, box.x, y0, box.w, font) - 5 - font;
    } else {
      const words = parts.join(' · ');
      // Two lines rather than running past the node (and off the screen).
      const split = ctx.measureText(words).width > box.w * 1.15 ? words.indexOf(' · ') : -1;
      const lines = split > 0 ? [words.slice(0, split), words.slice(split + 3)] : [words];
      lines.forEach((l, i) => ctx.fillText(l, box.x, y0 + i * (font + 2)));
      y1 = y0 + (lines.length - 1) * (font + 2);
    }
    const size = presenting ? 16 : 12;
    const gap = 3;
    const perRow = Math.max(1, Math.floor((Math.min(box.w, fit?.width ?? box.w) + gap) / (size + gap)));
    let shown = fa.envs.slice(0, Math.min(MAX_SLOTS, perRow * (compact ? 1 : 2)));
    // Compact: the count of the rest at the end of the one row, not on a line of its own.
    const moreW = (n: number) => ctx.measureText(`+${n}`).width + 4;
    if (compact && fa.envs.length > shown.length)
      while (shown.length > 0 && shown.length * (size + gap) + moreW(fa.envs.length - shown.length) > box.w)
        shown = shown.slice(0, -1);
    shown.forEach((e, i) =>
      drawSlot(
        ctx,
        e,
        box.x + (i % perRow) * (size + gap),
        y1 + font + 5 + Math.floor(i / perRow) * (size + gap),
        size,
        c,
        presenting,
      ),
    );
    ctx.font = `600 ${font}px system-ui, sans-serif`;
    const more = fa.envs.length > shown.length;
    if (more && compact) {
      ctx.fillStyle = c.muted;
      ctx.fillText(
        `+${fa.envs.length - shown.length}`,
        box.x + shown.length * (size + gap) + 2,
        y1 + font + 3,
      );
    } else if (more) {
      ctx.fillStyle = c.muted;
      ctx.fillText(`+${fa.envs.length - shown.length} more`, box.x, y1 + font + 5 + 2 * (size + gap));
    }
    const rows = Math.max(compact && more ? 1 : 0, Math.ceil(shown.length / perRow));
    const bottom =
      y1 + font + 5 + rows * (size + gap) + (more && !compact ? font + 2 : compact && more ? font - size : 0);
    drawLimitBar(ctx, box, barY, fa.busy, fa.limit, c);
    ctx.restore();
    return bottom;
  }
  if (kind === 'function') return false;
  const recorded = data.internals.others.get(id);
  if (recorded) {
    const style = {
      font,
      square: presenting ? 16 : 10,
      c,
      label: (n: string) => data.labels.get(n) ?? n,
      within: presenting || fit !== undefined,
      ...(fit ? { width: fit.width, level: fit.level as 0 | 1 | 2 } : {}),
    };
    ctx.save();
    if (boxes) clipBelow(ctx, box, boxes, font, reachOf(presenting));
    const drew = drawInsides(ctx, recorded, box, t, style, data.internals.insidesTruncatedAtMs);
    ctx.restore();
    if (drew !== false) return drew;
  }
  ctx.font = `600 ${font}px system-ui, sans-serif`;
  const gauges = gaugesAt(data.result.series, id, kind, t / 1000);
  if (gauges.length === 0) return false;
  ctx.fillStyle = c.text;
  const words = gauges.map((g) => `${g.label} ${fmt(g.value)}`);
  if (fit?.level === 2) return oneLine(ctx, words, box.x, box.y + box.h + 6, fit.width, { font, c });
  if (fit) return wrapLines(ctx, words, box.x, box.y + box.h + 6, fit.width, font) - 5;
  if (presenting) return wrapLines(ctx, words, box.x, box.y + box.h + 6, box.w, font) - 5;
  ctx.fillText(words.join(' · '), box.x, box.y + box.h + 6, box.w * 1.6);
  return box.y + box.h + 6 + font;
}

/**
 * The smallest text the replay canvas draws, in screen pixels: presenting, the presentation type
 * (24 on a 1920×1080 screen, read at the back of a room, in proportion on others, as the
 * nodes' text is); else 12 on a 1920-pixel screen, 10 on a laptop's 1366.
 */
export function textPxFor(presenting: boolean, screenWidth: number, screenHeight: number): number {
  if (presenting) return presentPx(screenWidth, screenHeight);
  return screenWidth >= 1900 ? 12 : 10;
}

/** Whether insides reaching down to `bottom` are cut short by the node below (clipBelow). */
function isCut(box: Box, boxes: Map<string, Box>, font: number, bottom: number, reach: number): boolean {
  const room = roomBelow(box, boxes, font, reach);
  // The last line's own margin below it (a few units) may run past the room.
  return room !== null && bottom - (box.y + box.h) > room + 6;
}

/**
 * Keeps a node's insides off the node below it: they are drawn only down to (a whole line
 * above) the top of the nearest node under this one, where a diagram packs nodes close.
 */
function clipBelow(
  ctx: CanvasRenderingContext2D,
  box: Box,
  boxes: Map<string, Box>,
  font: number,
  reach: number,
): void {
  const room = roomBelow(box, boxes, font, reach);
  if (room === null) return;
  // Only the height is cut: a line wider than the node still runs on to the right, as it did.
  ctx.beginPath();
  ctx.rect(box.x - 2 * box.w, box.y + box.h, 6 * box.w, room);
  ctx.clip();
}

/**
 * How far down a node's insides may be drawn (flow units): whole lines down to the top of the
 * nearest node below it, never past that top: a gap narrower than a line shows nothing (a
 * sliver of squares or half a line of words reads as something else, and drawing on would
 * cover the node below); null when no node is below.
 */
export function roomBelow(box: Box, boxes: Map<string, Box>, font: number, reach = 1.2): number | null {
  const top = box.y + box.h;
  const left = box.x - 4;
  const right = box.x + box.w * reach + 4;
  let bottom = Infinity;
  for (const b of boxes.values()) {
    if (b === box || b.y < top - 1 || b.x > right || b.x + b.w < left) continue;
    if (b.y < bottom) bottom = b.y;
  }
  if (bottom === Infinity) return null;
  const gap = Math.max(0, bottom - top - 2);
  // Whole lines only: a line cut in half reads as something else.
  const line = font + 2;
  if (gap < line) return 0;
  const whole = Math.floor((gap - 4) / line) * line + 6;
  return Math.min(gap, Math.max(line, whole));
}

/** Concurrency against the limit: a thin bar under a function. */
function drawLimitBar(
  ctx: CanvasRenderingContext2D,
  box: Box,
  y: number,
  busy: number,
  limit: number,
  c: Colors,
): void {
  ctx.fillStyle = c.border;
  ctx.fillRect(box.x, y, box.w, 3);
  ctx.fillStyle = limit > 0 && busy >= limit ? '#dc2626' : c.accent;
  ctx.fillRect(box.x, y, box.w * Math.min(1, limit > 0 ? busy / limit : 0), 3);
}

function fmt(v: number): string {
  return v >= 100
    ? Math.round(v).toLocaleString('en-US')
    : v >= 10
      ? v.toFixed(1)
      : v.toFixed(2).replace(/\.?0+$/, '') || '0';
}

function drawSlot(
  ctx: CanvasRenderingContext2D,
  e: EnvAt,
  x: number,
  y: number,
  s: number,
  c: Colors,
  presenting: boolean,
): void {
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = e.phase === 'idle' ? c.muted : ENV_COLORS[e.phase];
  if (e.phase === 'busy') {
    ctx.fillStyle = ENV_COLORS.busy;
    ctx.fillRect(x, y, s, s);
  } else if (e.phase === 'starting') {
    // Starting: hatched (a pattern, not only a colour).
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, s, s);
    ctx.clip();
    ctx.strokeStyle = ENV_COLORS.starting;
    for (let k = -s; k < s; k += 4) {
      ctx.beginPath();
      ctx.moveTo(x + k, y + s);
      ctx.lineTo(x + k + s, y);
      ctx.stroke();
    }
    ctx.restore();
    ctx.strokeStyle = ENV_COLORS.starting;
  } else {
    // Idle: the keep-alive left runs down as a bar inside the outline.
    const left = e.provisioned ? 1 : (e.keepAliveLeft ?? 1);
    ctx.fillStyle = e.provisioned ? '#15803d' : c.muted;
    ctx.globalAlpha = 0.45;
    ctx.fillRect(x, y + s * (1 - left), s, s * left);
    ctx.globalAlpha = 1;
  }
  ctx.strokeRect(x, y, s, s);
  if (e.provisioned && presenting) {
    // Presenting, a letter in a 16 px square would be far under the room's 24 px: a provisioned
    // environment is a green square with a solid centre instead (the key shows it).
    ctx.fillStyle = '#15803d';
    ctx.fillRect(x + s * 0.25, y + s * 0.25, s * 0.5, s * 0.5);
  } else if (e.provisioned) {
    ctx.fillStyle = c.text;
    ctx.font = `700 ${Math.round(s * 0.7)}px system-ui, sans-serif`;
    ctx.fillText('P', x + s * 0.25, y + s * 0.15);
  }
}

/** Reduced motion: no moving dots; each edge says its rate, each node how many are inside. */
export function drawRates(
  ctx: CanvasRenderingContext2D,
  data: ReplayData,
  scene: Scene,
  t: number,
  c: Colors,
  dots: DotAt[],
  /** Its text's size in flow units (at least the screen's smallest text at this zoom). */
  font = 12,
): void {
  const window = Math.max(1000, data.replay.transitMs * 40);
  const rates = edgeRates(data.replay, t, window, data.scale);
  ctx.font = `700 ${font}px system-ui, sans-serif`;
  const h = font + 6;
  ctx.textBaseline = 'middle';
  for (const [id, rate] of rates) {
    const line = scene.lines.get(id);
    if (!line) continue;
    const mid = line.pts[Math.floor(line.pts.length / 2)];
    const text = `≈ ${fmt(rate)}/s`;
    const w = ctx.measureText(text).width + 10;
    ctx.fillStyle = c.surface;
    ctx.strokeStyle = c.accent;
    ctx.lineWidth = 1.5;
    ctx.fillRect(mid.x - w / 2, mid.y + 8, w, h);
    ctx.strokeRect(mid.x - w / 2, mid.y + 8, w, h);
    ctx.fillStyle = c.text;
    ctx.fillText(text, mid.x - w / 2 + 5, mid.y + 8 + h / 2);
  }
  const here = new Map<string, number>();
  for (const d of dots) if (d.place.at === 'node') here.set(d.place.node, (here.get(d.place.node) ?? 0) + 1);
  for (const [id, n] of here) {
    const box = scene.boxes.get(id);
    if (!box) continue;
    const text = `${Math.round(n * data.scale).toLocaleString('en-US')} in here`;
    const w = ctx.measureText(text).width + 10;
    ctx.fillStyle = c.accent;
    ctx.fillRect(box.x + box.w - w, box.y - 4 - h, w, h);
    ctx.fillStyle = c.surface;
    ctx.fillText(text, box.x + box.w - w + 5, box.y - 4 - h / 2);
  }
}
