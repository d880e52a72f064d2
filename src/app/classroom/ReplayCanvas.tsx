import { useEffect, useRef } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { drawInternals, drawRates, textPxFor, type Colors } from './draw-internals';
import { InsidesBounds, toClient } from './insides-bounds';
import { edgeLabelBoxes } from './label-boxes';
import { insidesAt } from './internals';
import { DrawnDots, drawDots } from './draw-dots';
import { dotsAt, type DotAt } from './replay';
import { currentReplayData, type ReplayData } from './replay-data';
import { geometryStamp, sceneOf, type Scene } from './scene';
import { useClassroom } from './store';
import { useReducedMotion } from './use-reduced-motion';

/** How often, while playing, the canvas's data-* digest is written (tests read it when paused). */
const STATS_EVERY_MS = 250;

/**
 * The replay layer: ONE <canvas> over the diagram, drawing for simulated time t every moving
 * request and what is inside the nodes. A frame does no React render and no layout: the
 * diagram's geometry is read from React Flow only when it changes (a cheap numeric stamp is
 * compared each frame), pan and zoom are a transform, colours are read when the theme or
 * mode changes, and the dots come from an index of the recorded visits (replay.ts).
 */
export function ReplayCanvas() {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawn = useRef(new DrawnDots());
  const store = useStoreApi();
  const rf = useReactFlow();
  const reduced = useReducedMotion();

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const ctx = canvas.getContext('2d', { desynchronized: true });
    if (!ctx) return;
    let raf = 0;
    // What the last frame was drawn from: a frame is skipped when none of it changed.
    let last: unknown[] = [];
    let scene: Scene | null = null;
    let sceneStamp = NaN;
    let colors: Colors | null = null;
    let colorKey = '';
    let statsAt = -Infinity;
    // The size from a ResizeObserver: reading clientWidth in a frame could force a layout.
    const size = { w: canvas.clientWidth, h: canvas.clientHeight };
    const ro = new ResizeObserver(([entry]) => {
      size.w = entry.contentRect.width;
      size.h = entry.contentRect.height;
    });
    ro.observe(canvas);
    const frame = (now: number) => {
      raf = requestAnimationFrame(frame);
      const s = store.getState();
      const cls = useClassroom.getState();
      const data = currentReplayData();
      const dpr = window.devicePixelRatio || 1;
      const stamp = geometryStamp(s.nodeLookup, s.edgeLookup.size);
      const theme = document.documentElement.dataset.theme ?? '';
      const key = [
        cls.timeMs,
        s.transform[0],
        s.transform[1],
        s.transform[2],
        stamp,
        size.w,
        size.h,
        dpr,
        cls.presenting,
        // Pausing redraws once: the paused frame writes the digest that playing leaves out.
        cls.playing,
        cls.selectedTrace,
        data,
        theme,
      ];
      if (key.every((k, i) => k === last[i])) return;
      last = key;
      if (canvas.width !== Math.round(size.w * dpr) || canvas.height !== Math.round(size.h * dpr)) {
        canvas.width = Math.round(size.w * dpr);
        canvas.height = Math.round(size.h * dpr);
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      if (!data) {
        drawn.current.clear();
        writeStats(canvas, cls.timeMs, 0, reduced, drawn.current, true);
        return;
      }
      const [tx, ty, zoom] = s.transform;
      ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);
      const ck = `${theme}|${cls.presenting}`;
      if (!colors || ck !== colorKey) {
        colors = readColors(canvas);
        colorKey = ck;
      }
      if (!scene || stamp !== sceneStamp) {
        scene = sceneOf(s.nodeLookup, s.edgeLookup as Map<string, { source: string; target: string }>);
        sceneStamp = stamp;
      }
      const minPx = textPxFor(cls.presenting, window.innerWidth, window.innerHeight);
      // Paused, the nodes whose insides the node below cuts short (for tests); nothing while playing.
      const cut = cls.playing ? undefined : [];
      // Paused, where each node's insides were drawn (data-insides-boxes); nothing while playing.
      const bounds = cls.playing ? undefined : new InsidesBounds();
      const font = drawInternals(
        ctx,
        data,
        scene.boxes,
        cls.timeMs,
        colors,
        cls.presenting,
        zoom,
        minPx,
        cut,
        bounds,
        cls.presenting ? [] : edgeLabelBoxes(s.edgeLookup.values(), zoom),
      );
      if (cut) canvas.dataset.insidesCut = cut.join(' ');
      else delete canvas.dataset.insidesCut;
      if (bounds) {
        const rect = canvas.getBoundingClientRect();
        canvas.dataset.insidesBoxes = JSON.stringify(toClient(bounds.list(), rect, s.transform));
      } else delete canvas.dataset.insidesBoxes;
      // The smallest text drawn, in screen pixels (for tests: its font size times the zoom).
      canvas.dataset.textPx = (font * zoom).toFixed(2);
      const dots = dotsAt(data.replay, cls.timeMs);
      if (reduced) {
        drawRates(ctx, data, scene, cls.timeMs, colors, dots, Math.max(12, minPx / zoom));
        drawn.current.clear();
      } else {
        const r = cls.presenting ? 8 : 5.5;
        drawDots(ctx, dots, scene, r, cls.presenting, colors.surface, cls.selectedTrace, drawn.current, {
          k: dpr * zoom,
          dx: dpr * tx,
          dy: dpr * ty,
        });
      }
      const followed = cls.following && cls.selectedTrace !== null ? frontier(dots, cls.selectedTrace) : -1;
      if (followed >= 0) {
        // Hop by hop: the view moves only when the request's dot leaves the middle of the screen.
        const d = drawn.current;
        const k = d.visit.subarray(0, d.n).indexOf(dots[followed].visit);
        if (k >= 0) {
          const sx = d.x[k] * zoom + tx;
          const sy = d.y[k] * zoom + ty;
          if (sx < size.w * 0.25 || sx > size.w * 0.75 || sy < size.h * 0.2 || sy > size.h * 0.7)
            void rf.setViewport({ x: size.w / 2 - d.x[k] * zoom, y: size.h * 0.45 - d.y[k] * zoom, zoom });
        }
      }
      // The digest for tests: always when paused, a few times a second while playing.
      if (!cls.playing || now - statsAt > STATS_EVERY_MS) {
        statsAt = now;
        let moving = 0;
        if (!reduced) for (const d of dots) if (d.place.at === 'edges') moving++;
        writeStats(canvas, cls.timeMs, moving, reduced, drawn.current, !cls.playing);
        // How far the followed request has got: the node of its newest visit that has arrived.
        const reached =
          cls.following && cls.selectedTrace !== null ? reachedAt(data, cls.selectedTrace, cls.timeMs) : null;
        // The queues', streams' and fleets' insides as drawn, for tests (paused only: it is not free).
        if (cls.playing) delete canvas.dataset.insides;
        else canvas.dataset.insides = JSON.stringify(insidesAt(data.internals, cls.timeMs));
        if (reached !== null) canvas.dataset.followNode = reached;
        else delete canvas.dataset.followNode;
        const d = drawn.current;
        // Where the first dot is on screen, for a test to click: only when paused, as the
        // read of the canvas's box would force a layout in the middle of playing.
        if (cls.playing) delete canvas.dataset.firstDot;
        else if (d.n > 0) {
          const rect = canvas.getBoundingClientRect();
          canvas.dataset.firstDot = `${Math.round(rect.left + tx + d.x[0] * zoom)},${Math.round(rect.top + ty + d.y[0] * zoom)}`;
        } else delete canvas.dataset.firstDot;
      }
    };
    raf = requestAnimationFrame(frame);
    return () => {
      cancelAnimationFrame(raf);
      ro.disconnect();
    };
  }, [store, reduced, rf]);

  // Clicking a dot opens its trace. The canvas lets clicks through; this listens before React Flow.
  useEffect(() => {
    const canvas = ref.current;
    const host = canvas?.parentElement;
    if (!host) return;
    const onDown = (e: PointerEvent) => {
      const d = drawn.current;
      if (!useClassroom.getState().open || d.n === 0) return;
      // Not snapped to the editor's grid: a dot is hit where it is drawn.
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }, { snapToGrid: false });
      const zoom = store.getState().transform[2];
      const i = d.nearest(p.x, p.y, 10 / zoom);
      if (i < 0) return;
      e.stopPropagation();
      e.preventDefault();
      useClassroom.getState().follow(d.trace[i]);
      useClassroom.getState().setPlaying(false);
    };
    host.addEventListener('pointerdown', onDown, true);
    return () => host.removeEventListener('pointerdown', onDown, true);
  }, [rf, store]);

  return <canvas ref={ref} className="replay-canvas" aria-hidden="true" data-testid="replay-canvas" />;
}

function reachedAt(data: ReplayData, trace: number, t: number): string | null {
  const [a, b] = data.replay.visitsOf[trace] ?? [0, 0];
  let node: string | null = null;
  for (let i = a; i < b; i++) {
    const v = data.replay.visits[i];
    if (v.showMs <= t && v.arriveMs <= t) node = v.node;
  }
  return node;
}

/** The newest visit's dot of a request among the dots (its front), as an index, or -1. */
function frontier(dots: readonly DotAt[], trace: number): number {
  let best = -1;
  for (let i = 0; i < dots.length; i++)
    if (dots[i].trace === trace && (best < 0 || dots[i].visit > dots[best].visit)) best = i;
  return best;
}

function readColors(el: HTMLElement): Colors {
  const css = getComputedStyle(el);
  return {
    surface: css.getPropertyValue('--surface').trim() || '#fff',
    text: css.getPropertyValue('--text').trim() || '#111',
    muted: css.getPropertyValue('--muted').trim() || '#555',
    border: css.getPropertyValue('--border').trim() || '#999',
    accent: css.getPropertyValue('--accent').trim() || '#1d5cc0',
  };
}

/** What a test (or a screen reader's tooling) can read: the time and a digest of what is drawn. */
function writeStats(
  canvas: HTMLCanvasElement,
  t: number,
  moving: number,
  reduced: boolean,
  drawn: DrawnDots,
  withDigest: boolean,
): void {
  canvas.dataset.time = String(t);
  canvas.dataset.dots = String(drawn.n);
  canvas.dataset.stamps = String(drawn.stamps);
  canvas.dataset.moving = String(moving);
  // The digest hashes every dot: written when paused (where tests compare pictures), not 4× a second while playing.
  if (withDigest) canvas.dataset.digest = drawn.digest();
  else delete canvas.dataset.digest;
  canvas.dataset.mode = reduced ? 'reduced' : 'motion';
}
