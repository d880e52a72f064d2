import { useEffect, useRef } from 'react';
import { useReactFlow, useStoreApi, type InternalNode, type Node } from '@xyflow/react';
import { DOT_LOOKS, drawDot } from './dot-style';
import { chainPoint, edgePolyline, nodeSlotPoint, type Box, type Polyline, type XY } from './geometry';
import { functionAt, gaugesAt, type EnvAt } from './internals';
import { dotsAt, edgeRates, type DotAt, type DotStyle } from './replay';
import { currentReplayData, type ReplayData } from './replay-data';
import { useClassroom } from './store';
import { useReducedMotion } from './use-reduced-motion';

/** A dot as drawn, in flow coordinates, for clicks. */
interface Drawn {
  x: number;
  y: number;
  trace: number;
}

const STYLE_DEPTH: Record<DotStyle, number> = { normal: 0, cold: 1, retry: 2, dlq: 3, error: 4 };

/**
 * The replay layer: ONE <canvas> over the diagram that follows React Flow's viewport (pan and
 * zoom) and draws, for simulated time t, the moving dots and what is inside the nodes. It
 * redraws only when t, the viewport, the nodes or the size change; React does not re-render
 * for any of that.
 */
export function ReplayCanvas() {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<Drawn[]>([]);
  const store = useStoreApi();
  const rf = useReactFlow();
  const reduced = useReducedMotion();

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    let raf = 0;
    let lastKey = '';
    const frame = () => {
      raf = requestAnimationFrame(frame);
      const s = store.getState();
      const cls = useClassroom.getState();
      const data = currentReplayData();
      const dpr = window.devicePixelRatio || 1;
      const w = canvas.clientWidth;
      const h = canvas.clientHeight;
      const key = [
        cls.timeMs,
        s.transform.join(','),
        s.nodeLookup.size,
        nodesKey(s.nodeLookup),
        w,
        h,
        dpr,
        reduced,
        cls.presenting,
        cls.selectedTrace,
        data?.result ? resultId(data.result) : 0,
        document.documentElement.dataset.theme,
      ].join('|');
      if (key === lastKey) return;
      lastKey = key;
      if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
        canvas.width = Math.round(w * dpr);
        canvas.height = Math.round(h * dpr);
      }
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      if (!data) {
        drawn.current = [];
        setStats(canvas, cls.timeMs, [], reduced);
        return;
      }
      const [tx, ty, zoom] = s.transform;
      ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);
      const css = getComputedStyle(canvas);
      const colors = {
        surface: css.getPropertyValue('--surface').trim() || '#fff',
        text: css.getPropertyValue('--text').trim() || '#111',
        muted: css.getPropertyValue('--muted').trim() || '#555',
        border: css.getPropertyValue('--border').trim() || '#999',
        accent: css.getPropertyValue('--accent').trim() || '#1d5cc0',
      };
      const scene = sceneOf(s.nodeLookup, s.edgeLookup as Map<string, { source: string; target: string }>);
      drawInternals(ctx, data, scene.boxes, cls.timeMs, colors, cls.presenting);
      const dots = dotsAt(data.replay, cls.timeMs);
      if (reduced) {
        drawRates(ctx, data, scene, cls.timeMs, colors, dots);
        drawn.current = [];
      } else {
        drawn.current = drawDots(ctx, dots, scene, cls.presenting, colors.surface, cls.selectedTrace);
      }
      setStats(canvas, cls.timeMs, reduced ? [] : dots, reduced, drawn.current);
      // Where the first dot is on screen (client coordinates), so a test can click it.
      const first = drawn.current[0];
      if (first) {
        const rect = canvas.getBoundingClientRect();
        canvas.dataset.firstDot = `${Math.round(rect.left + tx + first.x * zoom)},${Math.round(rect.top + ty + first.y * zoom)}`;
      } else delete canvas.dataset.firstDot;
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, [store, reduced]);

  // Clicking a dot opens its trace. The canvas lets clicks through; this listens before React Flow.
  useEffect(() => {
    const canvas = ref.current;
    const host = canvas?.parentElement;
    if (!host) return;
    const onDown = (e: PointerEvent) => {
      if (!useClassroom.getState().open || drawn.current.length === 0) return;
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const zoom = store.getState().transform[2];
      let best: Drawn | null = null;
      let bestD = 10 / zoom;
      for (const d of drawn.current) {
        const dist = Math.hypot(d.x - p.x, d.y - p.y);
        if (dist <= bestD) {
          best = d;
          bestD = dist;
        }
      }
      if (!best) return;
      e.stopPropagation();
      e.preventDefault();
      useClassroom.getState().selectTrace(best.trace);
      useClassroom.getState().setPlaying(false);
    };
    host.addEventListener('pointerdown', onDown, true);
    return () => host.removeEventListener('pointerdown', onDown, true);
  }, [rf, store]);

  return <canvas ref={ref} className="replay-canvas" aria-hidden="true" data-testid="replay-canvas" />;
}

function resultId(r: object): number {
  let id = ids.get(r);
  if (id === undefined) {
    id = ++lastId;
    ids.set(r, id);
  }
  return id;
}
const ids = new WeakMap<object, number>();
let lastId = 0;

function nodesKey(lookup: Map<string, InternalNode<Node>>): string {
  let k = '';
  for (const n of lookup.values())
    k += `${n.id}:${Math.round(n.internals.positionAbsolute.x)},${Math.round(n.internals.positionAbsolute.y)},${n.measured.width ?? 0},${n.measured.height ?? 0};`;
  return k;
}

interface Scene {
  boxes: Map<string, Box>;
  lines: Map<string, Polyline>;
}

function handlePoint(n: InternalNode<Node>, type: 'source' | 'target'): XY {
  const p = n.internals.positionAbsolute;
  const w = n.measured.width ?? 0;
  const h = n.measured.height ?? 0;
  const hb = n.internals.handleBounds?.[type]?.[0];
  if (hb) return { x: p.x + hb.x + (type === 'source' ? hb.width : 0), y: p.y + hb.y + hb.height / 2 };
  return { x: p.x + (type === 'source' ? w : 0), y: p.y + h / 2 };
}

function sceneOf(
  nodes: Map<string, InternalNode<Node>>,
  edges: Map<string, { source: string; target: string }>,
): Scene {
  const boxes = new Map<string, Box>();
  for (const n of nodes.values()) {
    const p = n.internals.positionAbsolute;
    boxes.set(n.id, { x: p.x, y: p.y, w: n.measured.width ?? 0, h: n.measured.height ?? 0 });
  }
  const lines = new Map<string, Polyline>();
  for (const [id, e] of edges) {
    const a = nodes.get(e.source);
    const b = nodes.get(e.target);
    if (a && b) lines.set(id, edgePolyline(handlePoint(a, 'source'), handlePoint(b, 'target')));
  }
  return { boxes, lines };
}

function placeOf(d: DotAt, scene: Scene, r: number): XY | null {
  if (d.place.at === 'node') {
    const box = scene.boxes.get(d.place.node);
    return box ? nodeSlotPoint(box, d.place.slot, r) : null;
  }
  return chainPoint(
    d.place.edges.map((e) => scene.lines.get(e)),
    d.place.reverse,
    d.place.f,
  );
}

function drawDots(
  ctx: CanvasRenderingContext2D,
  dots: DotAt[],
  scene: Scene,
  presenting: boolean,
  outline: string,
  selected: number | null,
): Drawn[] {
  const r = presenting ? 8 : 5.5;
  const out: Drawn[] = [];
  const sorted = [...dots].sort((a, b) => STYLE_DEPTH[a.style] - STYLE_DEPTH[b.style]);
  for (const d of sorted) {
    const p = placeOf(d, scene, r);
    if (!p) continue;
    drawDot(ctx, d.style, p.x, p.y, r, presenting, outline);
    if (selected === d.trace) {
      ctx.strokeStyle = DOT_LOOKS[d.style].fill;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(p.x, p.y, r * 2.2, 0, Math.PI * 2);
      ctx.stroke();
    }
    out.push({ x: p.x, y: p.y, trace: d.trace });
  }
  return out;
}

interface Colors {
  surface: string;
  text: string;
  muted: string;
  border: string;
  accent: string;
}

const ENV_COLORS = { starting: '#d97706', busy: '#2563eb', idle: 'transparent' };
const MAX_SLOTS = 32;

/** A function's environments as slots under the node; other kinds' gauges from their series. */
function drawInternals(
  ctx: CanvasRenderingContext2D,
  data: ReplayData,
  boxes: Map<string, Box>,
  t: number,
  c: Colors,
  presenting: boolean,
): void {
  const font = presenting ? 15 : 11;
  ctx.font = `600 ${font}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  for (const [id, tl] of data.internals.functions) {
    const box = boxes.get(id);
    if (!box) continue;
    const fa = functionAt(tl, t);
    const y0 = box.y + box.h + 6;
    ctx.fillStyle = c.text;
    const starting = fa.envs.filter((e) => e.phase === 'starting').length;
    const idle = fa.envs.length - fa.busy;
    const words = `${fa.busy} busy${starting ? ` (${starting} starting)` : ''} · ${idle} idle · limit ${fa.limit.toLocaleString('en-US')}`;
    ctx.fillText(words, box.x, y0);
    const size = presenting ? 16 : 12;
    const gap = 3;
    const perRow = Math.max(1, Math.floor((box.w + gap) / (size + gap)));
    const shown = fa.envs.slice(0, Math.min(MAX_SLOTS, perRow * 2));
    shown.forEach((e, i) =>
      drawSlot(
        ctx,
        e,
        box.x + (i % perRow) * (size + gap),
        y0 + font + 5 + Math.floor(i / perRow) * (size + gap),
        size,
        c,
      ),
    );
    if (fa.envs.length > shown.length) {
      ctx.fillStyle = c.muted;
      ctx.fillText(`+${fa.envs.length - shown.length} more`, box.x, y0 + font + 5 + 2 * (size + gap));
    }
    // Concurrency against the limit: a thin bar.
    const barY = box.y + box.h + 2;
    ctx.fillStyle = c.border;
    ctx.fillRect(box.x, barY, box.w, 3);
    ctx.fillStyle = fa.limit > 0 && fa.busy >= fa.limit ? '#dc2626' : c.accent;
    ctx.fillRect(box.x, barY, box.w * Math.min(1, fa.limit > 0 ? fa.busy / fa.limit : 0), 3);
  }
  const series = data.result.series;
  for (const [id, kind] of data.kinds) {
    if (kind === 'function') continue;
    const box = boxes.get(id);
    if (!box) continue;
    const gauges = gaugesAt(series, id, kind, t / 1000);
    if (gauges.length === 0) continue;
    ctx.fillStyle = c.text;
    ctx.fillText(
      gauges.map((g) => `${g.label} ${fmt(g.value)}`).join(' · '),
      box.x,
      box.y + box.h + 6,
      box.w * 1.6,
    );
  }
}

function fmt(v: number): string {
  return v >= 100
    ? Math.round(v).toLocaleString('en-US')
    : v >= 10
      ? v.toFixed(1)
      : v.toFixed(2).replace(/\.?0+$/, '') || '0';
}

function drawSlot(ctx: CanvasRenderingContext2D, e: EnvAt, x: number, y: number, s: number, c: Colors): void {
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
  if (e.provisioned) {
    ctx.fillStyle = c.text;
    ctx.font = `700 ${Math.round(s * 0.7)}px system-ui, sans-serif`;
    ctx.fillText('P', x + s * 0.25, y + s * 0.15);
  }
}

/** Reduced motion: no moving dots; each edge says its rate, each node how many are inside. */
function drawRates(
  ctx: CanvasRenderingContext2D,
  data: ReplayData,
  scene: Scene,
  t: number,
  c: Colors,
  dots: DotAt[],
): void {
  const window = Math.max(1000, data.replay.transitMs * 40);
  const rates = edgeRates(data.replay, t, window, data.scale);
  ctx.font = '700 12px system-ui, sans-serif';
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
    ctx.fillRect(mid.x - w / 2, mid.y + 8, w, 18);
    ctx.strokeRect(mid.x - w / 2, mid.y + 8, w, 18);
    ctx.fillStyle = c.text;
    ctx.fillText(text, mid.x - w / 2 + 5, mid.y + 17);
  }
  const here = new Map<string, number>();
  for (const d of dots) if (d.place.at === 'node') here.set(d.place.node, (here.get(d.place.node) ?? 0) + 1);
  for (const [id, n] of here) {
    const box = scene.boxes.get(id);
    if (!box) continue;
    const text = `${Math.round(n * data.scale).toLocaleString('en-US')} in here`;
    const w = ctx.measureText(text).width + 10;
    ctx.fillStyle = c.accent;
    ctx.fillRect(box.x + box.w - w, box.y - 22, w, 18);
    ctx.fillStyle = c.surface;
    ctx.fillText(text, box.x + box.w - w + 5, box.y - 13);
  }
}

/** What a test (or a screen reader's tooling) can read: the time and a digest of what is drawn. */
function setStats(
  canvas: HTMLCanvasElement,
  t: number,
  dots: DotAt[],
  reduced: boolean,
  drawn: Drawn[] = [],
): void {
  const moving = dots.filter((d) => d.place.at === 'edges').length;
  let h = 2166136261;
  for (const d of drawn)
    h = Math.imul(h ^ (Math.round(d.x * 10) * 31 + Math.round(d.y * 10) + d.trace * 7919), 16777619);
  canvas.dataset.time = String(t);
  canvas.dataset.dots = String(drawn.length);
  canvas.dataset.moving = String(moving);
  canvas.dataset.digest = (h >>> 0).toString(16);
  canvas.dataset.mode = reduced ? 'reduced' : 'motion';
}
