import type { Colors } from './draw-internals';
import type { Box } from './geometry';
import {
  fleetAt,
  queueAt,
  streamAt,
  streamReaders,
  type HostAt,
  type InstanceAt,
  type NodeTracks,
  type ShardAt,
} from './internals';

/**
 * A queue's messages, a stream's lanes and a server's or container service's slots, drawn
 * under the node from the run's recording at t (exact, not from buckets). Flow coordinates.
 */

const BUSY = '#2563eb';
const WAIT = '#d97706';
const FAILED = '#dc2626';
/** Most squares drawn per row before "+N" says the rest. */
const MAX_SQUARES = 40;

export interface InsideStyle {
  font: number;
  square: number;
  c: Colors;
  /** A node's label, for the readers named under a queue or a stream. */
  label?: (id: string) => string;
  /**
   * Presenting: everything stays within the node's width (a neighbour's edge or label starts
   * just past it), words wrap rather than being squeezed or cut. Otherwise a line may run a
   * little past the node (15 %) as it always did.
   */
  within?: boolean;
  /**
   * Normal mode (with `within`): the width the insides may take from the node's left edge, where
   * a neighbour leaves more or less than the node's own; a reader's name is then cut with an
   * ellipsis rather than wrapped.
   */
  width?: number;
  /**
   * Normal mode, how much is drawn where the room below the node is short (insides-space.ts):
   * 0 all of it, 1 the words and one row (no readers, one shard per reader), 2 one line.
   */
  level?: 0 | 1 | 2;
}

/** How wide lines may run, from the node's left edge (flow units). */
function wide(box: Box, st: InsideStyle): number {
  return st.width ?? box.w;
}

/** How far right of the node's left edge the insides may reach (flow units). */
export function roomRight(box: Box, st: { within?: boolean; width?: number }): number {
  return st.width ?? (st.within ? box.w : box.w * 1.15);
}

/**
 * Draws the node's insides; returns the y below what it drew, or false when it has none
 * recorded that it knows how to draw.
 */
export function drawInsides(
  ctx: CanvasRenderingContext2D,
  nt: NodeTracks,
  box: Box,
  t: number,
  st: InsideStyle,
  truncatedAtMs: number | undefined,
): number | false {
  const y0 = box.y + box.h + 6;
  if (truncatedAtMs !== undefined && t > truncatedAtMs) {
    ctx.fillStyle = st.c.muted;
    const words = `not recorded after ${(truncatedAtMs / 1000).toFixed(0)} s`;
    if (st.within) return wrapLines(ctx, [words], box.x, y0, wide(box, st), st.font) + 2 - 5;
    ctx.fillText(words, box.x, y0, box.w * 1.15);
    return y0 + st.font + 2;
  }
  const kind = nt.info.kind;
  if (st.level === 2) return oneLine(ctx, summaryOf(nt, t), box.x, y0, wide(box, st), st);
  if (kind === 'queue') return drawQueue(ctx, nt, box, t, st, y0);
  if (kind === 'server' || kind === 'container') return drawFleet(ctx, nt, box, t, st, y0);
  if (nt.info.shards !== undefined) return drawStream(ctx, nt, box, t, st, y0);
  return false;
}

/** "→ reader", cut with an ellipsis to fit w (never squeezed; presenting: never cut, see drawQueue). */
function readerName(ctx: CanvasRenderingContext2D, id: string, st: InsideStyle, w: number): string {
  let name = `→ ${st.label ? st.label(id) : id}`;
  if ((st.within && st.width === undefined) || ctx.measureText(name).width <= w) return name;
  while (name.length > 3 && ctx.measureText(`${name}…`).width > w) name = name.slice(0, -1);
  return `${name.trimEnd()}…`;
}

function drawQueue(
  ctx: CanvasRenderingContext2D,
  nt: NodeTracks,
  box: Box,
  t: number,
  st: InsideStyle,
  y0: number,
): number {
  const q = queueAt(nt, t);
  const parts = [`${count(q.visible)} waiting`, `${count(q.inFlight)} in flight`];
  if (q.readers.length === 0 && q.batches > 0)
    parts.push(`${q.batches} batch${q.batches === 1 ? '' : 'es'} running`);
  if (q.oldestAgeMs !== undefined) parts.push(`oldest ${seconds(q.oldestAgeMs)}`);
  let y = text(ctx, parts, box, y0, st);
  // As everywhere in the insides: orange waits, blue is being handled.
  const right = box.x + roomRight(box, st);
  let x = squares(ctx, box.x, y, q.visible, st, WAIT, true, box.w * 0.6);
  x += st.square;
  squares(ctx, x, y, q.inFlight, st, BUSY, true, right - x);
  y += st.square + 5;
  if (st.level === 1) return y;
  // Each reader's batches, one box per batch with its messages: blue in a call, dashed orange
  // while a batch window gathers it.
  for (const r of q.readers) {
    ctx.fillStyle = st.c.text;
    const name = readerName(ctx, r.id, st, box.w * 0.6);
    let bx: number;
    const h = st.font + 4;
    if (st.within && ctx.measureText(name).width > box.w * 0.6) {
      // Presenting, a long name has its own lines (wrapped, whole) and the batches the next one.
      y = wrapLines(ctx, [name], box.x, y, wide(box, st), st.font) - 5 + 2;
      bx = box.x;
    } else {
      ctx.fillText(name, box.x, y);
      bx = box.x + ctx.measureText(name).width + 6;
    }
    const sorted = [...r.batches].sort((a, b) => b - a);
    if (sorted.length === 0) {
      ctx.fillStyle = st.c.muted;
      if (st.within && bx + ctx.measureText('no batch').width > right) {
        y += st.font + 2;
        bx = box.x;
      }
      if (st.within) ctx.fillText('no batch', bx, y);
      else ctx.fillText('no batch', bx, y, right - bx);
    }
    for (let i = 0; i < sorted.length; i++) {
      const v = sorted[i];
      const label = String(Math.abs(v));
      const w = ctx.measureText(label).width + 8;
      const last = i === sorted.length - 1;
      // Presenting, the last box too stays within the node (or is counted in "+N").
      if (bx + w > right - (last ? 0 : ctx.measureText('+99').width) && (!last || st.within)) {
        ctx.fillStyle = st.c.muted;
        ctx.fillText(`+${sorted.length - i}`, bx, y);
        break;
      }
      if (v > 0) {
        ctx.fillStyle = BUSY;
        ctx.fillRect(bx, y - 2, w, h);
        ctx.fillStyle = '#ffffff';
      } else {
        ctx.save();
        ctx.setLineDash([3, 2]);
        ctx.strokeStyle = WAIT;
        ctx.lineWidth = 1.5;
        ctx.strokeRect(bx + 0.75, y - 1.25, w - 1.5, h - 1.5);
        ctx.restore();
        ctx.fillStyle = st.c.text;
      }
      ctx.fillText(label, bx + 4, y);
      bx += w + 3;
    }
    y += h + 3;
  }
  return y;
}

const INST_GAP = 2;

/** One instance's (task's) request slots, busy ones filled; starting hatched, draining dashed. Returns the x after. */
function drawInstance(
  ctx: CanvasRenderingContext2D,
  i: InstanceAt,
  per: number,
  x: number,
  y: number,
  st: InsideStyle,
): number {
  const s = st.square;
  if (i.state === 'starting') {
    hatch(ctx, x, y, per * (s + INST_GAP) - INST_GAP, s, WAIT);
    return x + per * (s + INST_GAP);
  }
  ctx.lineWidth = 1.2;
  for (let j = 0; j < per; j++) {
    const busy = j < i.busy;
    ctx.strokeStyle = busy ? BUSY : st.c.muted;
    if (i.state === 'draining') ctx.setLineDash([2, 2]);
    if (busy) {
      ctx.fillStyle = BUSY;
      ctx.fillRect(x, y, s, s);
    }
    ctx.strokeRect(x, y, s, s);
    ctx.setLineDash([]);
    x += s + INST_GAP;
  }
  return x;
}

function drawFleet(
  ctx: CanvasRenderingContext2D,
  nt: NodeTracks,
  box: Box,
  t: number,
  st: InsideStyle,
  y0: number,
): number {
  const f = fleetAt(nt, t);
  const unit = nt.info.kind === 'container' ? 'task' : 'instance';
  const slots = f.serving * f.slotsPerInstance;
  const parts = [
    `${f.serving} ${unit}${f.serving === 1 ? '' : 's'}${f.starting ? ` (+${f.starting} starting)` : ''}${f.draining ? ` (${f.draining} draining)` : ''}`,
    `${count(f.busy)}/${count(slots)} busy`,
    `${count(f.waiting)} waiting`,
  ];
  if (f.hosts) {
    const launching = f.hosts.filter((h) => h.launching).length;
    parts.splice(
      1,
      0,
      `on ${f.hosts.length} host${f.hosts.length === 1 ? '' : 's'}${launching ? ` (${launching} launching)` : ''}`,
    );
  }
  // The slots first, then the words: where the node below leaves room for one row only
  // (clipBelow), the picture says more than the first line of words.
  const y = y0;
  // Each instance (task) with its own slots, busy ones filled, exactly as recorded. On EC2 or
  // EKS the tasks are drawn inside a frame per host; a host still launching is dashed.
  const s = st.square;
  const right = box.x + roomRight(box, st);
  const per = Math.min(f.slotsPerInstance, 16);
  const groupW = per * (s + INST_GAP) + s * 0.6;
  const groups: { host?: HostAt; tasks: InstanceAt[] }[] = f.hosts
    ? f.hosts.map((h) => ({ host: h, tasks: h.tasks }))
    : [{ tasks: f.instances }];
  const pad = f.hosts ? 4 : 0;
  let x = box.x;
  let y1 = y + pad;
  let rows = 1;
  let drawn = 0;
  let total = 0;
  for (const g of groups) total += g.tasks.length;
  const most = st.level === 1 ? 1 : 3;
  outer: for (const g of groups) {
    const w = g.host ? g.tasks.length * groupW + 2 * pad - s * 0.6 : 0;
    if (g.host && x > box.x && x + w > right) {
      if (rows === most) break;
      rows++;
      x = box.x;
      y1 += s + 4 + 2 * pad;
    }
    const gx = x;
    if (g.host) x += pad;
    for (const task of g.tasks) {
      if (!g.host && x > box.x && x + groupW > right) {
        if (rows === most) break outer;
        rows++;
        x = box.x;
        y1 += s + 4;
      }
      x = drawInstance(ctx, task, per, x, y1, st) + s * 0.6 - INST_GAP;
      drawn++;
    }
    if (g.host) {
      x += pad - s * 0.6 + INST_GAP;
      ctx.save();
      ctx.strokeStyle = g.host.launching ? WAIT : st.c.text;
      ctx.lineWidth = 1.5;
      if (g.host.launching) ctx.setLineDash([4, 3]);
      ctx.strokeRect(gx, y1 - pad, Math.max(x - gx, 2 * pad + s), s + 2 * pad);
      ctx.restore();
      x += s * 0.6;
    }
  }
  if (drawn < total) {
    ctx.fillStyle = st.c.muted;
    const more = `+${total - drawn}`;
    if (st.within && x + ctx.measureText(more).width > right) {
      x = box.x;
      y1 += s + 4 + pad;
    }
    ctx.fillText(more, x, y1 + (s - st.font) / 2);
    x += ctx.measureText(more).width + 6;
  }
  if (f.waiting > 0) {
    if (x > right - 4 * s) {
      x = box.x;
      y1 += s + 4 + pad;
    }
    ctx.fillStyle = st.c.muted;
    ctx.fillRect(x, y1 - 2, 2, s + 4);
    squares(ctx, x + 6, y1, f.waiting, st, WAIT, true, right - x - 6);
  }
  return text(ctx, parts, box, y1 + s + pad + 5, st);
}

function drawStream(
  ctx: CanvasRenderingContext2D,
  nt: NodeTracks,
  box: Box,
  t: number,
  st: InsideStyle,
  y0: number,
): number {
  const readers = streamReaders(nt);
  const many = readers.length > 1;
  let y = y0;
  const maxShards = st.level === 1 ? 1 : many ? Math.max(2, Math.floor(8 / readers.length)) : 8;
  readers.forEach((id, r) => {
    if (many) {
      ctx.fillStyle = st.c.text;
      if (st.within)
        y =
          wrapLines(ctx, [readerName(ctx, id, st, wide(box, st))], box.x, y, wide(box, st), st.font) - 5 + 2;
      else {
        ctx.fillText(readerName(ctx, id, st, box.w * 1.15), box.x, y);
        y += st.font + 2;
      }
    }
    y = drawShards(ctx, streamAt(nt, t, r), box, st, y, maxShards);
  });
  return y;
}

/** One reader's shards: a line of words each, then its lanes as bars. Returns the y below. */
function drawShards(
  ctx: CanvasRenderingContext2D,
  shards: ShardAt[],
  box: Box,
  st: InsideStyle,
  y0: number,
  max: number,
): number {
  const shown = shards.slice(0, max);
  // Per shard: a line of words, then its lanes as bars as wide as the node, on one scale
  // (the fullest lane shown fills the width). The batch is a lane's head: in a call, or held
  // after a failure (hatched red, the lane blocked).
  let most = 1;
  for (const sh of shown) for (const l of sh.lanes) most = Math.max(most, l.records);
  const barH = Math.max(4, Math.round(st.square * 0.5));
  let y = y0;
  shown.forEach((sh, i) => {
    const held = sh.lanes.some((l) => l.batch < 0);
    const n = sh.lanes.reduce((m, l) => m + l.records, 0);
    const words = `shard ${i}: ${count(n)}${sh.iteratorAgeMs !== undefined ? ` · age ${seconds(sh.iteratorAgeMs)}` : ''}`;
    ctx.fillStyle = held ? FAILED : st.c.text;
    if (st.within) {
      const said = held ? [words, 'failed batch held, retrying'] : [words];
      y = wrapLines(ctx, said, box.x, y, wide(box, st), st.font, true) - 5 + 2;
    } else {
      ctx.fillText(words, box.x, y, box.w * 1.15);
      y += st.font + 2;
      if (held) {
        ctx.fillText('failed batch held, retrying', box.x, y, box.w * 1.15);
        y += st.font + 2;
      }
    }
    for (const l of sh.lanes) {
      ctx.globalAlpha = 0.35;
      ctx.fillStyle = st.c.border;
      ctx.fillRect(box.x, y, box.w, barH);
      ctx.globalAlpha = 1;
      ctx.fillStyle = WAIT;
      ctx.fillRect(box.x, y, (box.w * l.records) / most, barH);
      if (l.batch > 0) {
        ctx.fillStyle = BUSY;
        ctx.fillRect(box.x, y, Math.max(3, (box.w * l.batch) / most), barH);
      } else if (l.batch < 0) hatch(ctx, box.x, y, Math.max(6, (box.w * -l.batch) / most), barH, FAILED);
      y += barH + 2;
    }
    y += 3;
  });
  if (shards.length > shown.length) {
    ctx.fillStyle = st.c.muted;
    const more = `+${shards.length - shown.length} more shards`;
    if (st.within) y = wrapLines(ctx, [more], box.x, y, wide(box, st), st.font) - 5 + 2;
    else {
      ctx.fillText(more, box.x, y, box.w * 1.15);
      y += st.font + 2;
    }
  }
  return y;
}

/** The parts on as few lines as fit the node's width (a neighbour starts just past it). Returns the y below. */
function text(ctx: CanvasRenderingContext2D, parts: string[], box: Box, y0: number, st: InsideStyle): number {
  ctx.fillStyle = st.c.text;
  if (st.within) return wrapLines(ctx, parts, box.x, y0, wide(box, st), st.font);
  const w = box.w * 1.05;
  let line = '';
  let y = y0;
  for (const p of parts) {
    const next = line ? `${line} · ${p}` : p;
    if (line && ctx.measureText(next).width > w) {
      ctx.fillText(line, box.x, y, w);
      y += st.font + 2;
      line = p;
    } else line = next;
  }
  if (line) ctx.fillText(line, box.x, y, w);
  return y + st.font + 5;
}

/**
 * The parts joined by " · " on as few lines as fit width w, a part wider than w broken at its
 * spaces (each line on its own, or, with `apart`, each part on lines of its own); never
 * squeezed, never cut. Returns the y below (with the same 5 units under the last line as text()).
 */
export function wrapLines(
  ctx: CanvasRenderingContext2D,
  parts: readonly string[],
  x: number,
  y0: number,
  w: number,
  font: number,
  apart = false,
): number {
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => ctx.measureText(s).width <= w;
  for (const p of parts) {
    const joined = line ? `${line} · ${p}` : p;
    if (!apart && fits(joined)) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    // The part alone, word by word where it is wider than the room.
    for (const word of p.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (line && !fits(next)) {
        lines.push(line);
        line = word;
      } else line = next;
    }
  }
  if (line) lines.push(line);
  let y = y0;
  for (const l of lines) {
    ctx.fillText(l, x, y);
    y += font + 2;
  }
  return y - 2 + 5;
}

/** n squares in a row (filled or outlined) within width w, then "+N" for the rest; returns the x after. */
function squares(
  ctx: CanvasRenderingContext2D,
  x0: number,
  y: number,
  n: number,
  st: InsideStyle,
  color: string,
  filled: boolean,
  w: number,
): number {
  const s = st.square;
  const step = s + 2;
  let fit = Math.max(1, Math.min(MAX_SQUARES, Math.floor(w / step) - 2));
  // Presenting, the "+N" after them stays within w too (at 24 px it is wider than two squares).
  if (st.within && n > fit) {
    const moreW = (k: number) => ctx.measureText(`+${count(n - k)}`).width + 2;
    fit = Math.max(0, Math.min(MAX_SQUARES, Math.floor((w - moreW(0)) / step)));
    while (fit > 0 && fit * step + moreW(fit) > w) fit--;
  }
  const drawn = Math.min(n, fit);
  ctx.lineWidth = 1.2;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  for (let i = 0; i < drawn; i++) {
    if (filled) ctx.fillRect(x0 + i * step, y, s, s);
    else ctx.strokeRect(x0 + i * step + 0.6, y + 0.6, s - 1.2, s - 1.2);
  }
  let x = x0 + drawn * step;
  if (n > drawn) {
    ctx.fillStyle = st.c.muted;
    const more = `+${count(n - drawn)}`;
    ctx.fillText(more, x + 2, y + (s - st.font) / 2);
    x += ctx.measureText(more).width + 6;
  }
  return x;
}

function hatch(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  color: string,
): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  for (let k = -h; k < w; k += 4) {
    ctx.beginPath();
    ctx.moveTo(x + k, y + h);
    ctx.lineTo(x + k + h, y);
    ctx.stroke();
  }
  ctx.restore();
  ctx.strokeStyle = color;
  ctx.strokeRect(x, y, w, h);
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000).toLocaleString('en-US')} s`;
}

/** The node's key figures at t, in a few words, most important first (level 2: one line). */
function summaryOf(nt: NodeTracks, t: number): string[] {
  if (nt.info.kind === 'queue') {
    const q = queueAt(nt, t);
    return [`${count(q.visible)} waiting`, `${count(q.inFlight)} in flight`];
  }
  if (nt.info.kind === 'server' || nt.info.kind === 'container') {
    const f = fleetAt(nt, t);
    return [`${count(f.busy)}/${count(f.serving * f.slotsPerInstance)} busy`, `${count(f.waiting)} waiting`];
  }
  const readers = streamReaders(nt);
  let records = 0;
  let held = 0;
  readers.forEach((_, r) => {
    for (const sh of streamAt(nt, t, r)) {
      records += sh.lanes.reduce((m, l) => m + l.records, 0);
      if (sh.lanes.some((l) => l.batch < 0)) held++;
    }
  });
  const parts = [`${count(records)} to read`];
  if (held > 0) parts.push(`${held} shard${held === 1 ? '' : 's'} held`);
  return parts;
}

/**
 * As many of the parts, whole and in order, as fit one line of width w (at least the first);
 * returns the y below (with the same 5 units under it as text()).
 */
export function oneLine(
  ctx: CanvasRenderingContext2D,
  parts: readonly string[],
  x: number,
  y: number,
  w: number,
  st: { font: number; c: Colors },
): number {
  let line = parts[0] ?? '';
  for (const p of parts.slice(1)) {
    const next = `${line} · ${p}`;
    if (ctx.measureText(next).width > w) break;
    line = next;
  }
  ctx.fillStyle = st.c.text;
  ctx.fillText(line, x, y);
  return y + st.font + 5;
}
