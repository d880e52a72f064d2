import { useEffect, useMemo, useState, type CSSProperties, type RefObject } from 'react';
import { canvasInsets, MARGIN } from '../canvas/fit';
import { LABEL_PX, labelSize, type Rect } from '../canvas/route';
import { insidesExtents, type Extent } from './insides-extent';
import { insidesFont, presentInsides, textPxFor } from './draw-internals';
import { presentRoom } from './present-fit';
import { labelsInTheWay, type PresentEdge } from './present-labels';
import { columnsFor, columnsOf, easeColumns, presentLayout, type LayoutNode } from './present-layout';
import { useReplayData, type ReplayData } from './replay-data';
import { PRESENT_FIT, useClassroom } from './store';
import { PRESENT_PX, presentPx } from './present-type';

/**
 * Room between a node's insides and the node below it for the dots waiting above that node
 * (geometry.ts waitSpot: 1.6 radii above its top, radius 8 presenting, so they reach 21 px up).
 */
const DOTS_ABOVE = 26;

/**
 * An edge's label wraps wider than this (px at 100 %, about 17 characters; 300 px in 24 px
 * type): a label of three event names on one line was 760 px wide, a third of the screen's
 * width between two columns.
 */
const LABEL_WRAP = 160;

/**
 * A brief node (label and key figure) may be wider than a full one where the columns leave room,
 * so the two sit on one line (its CSS lets them): 20 em.
 */
const BRIEF_MAX_EM = 20;

/**
 * 'full': label, kind line, details line and key figures; 'brief' (a diagram too large for the
 * room at full size): label and key figure, so the type stays large rather than shrinking.
 */
export type PresentDetail = 'full' | 'brief';

export interface PresentView {
  positions: Record<string, { x: number; y: number }>;
  /** The edges' labels drawn this much larger than at 100 % zoom: presentation type. */
  labelScale: number;
  /**
   * The labels' widest before they wrap (px at 100 %), and where the replay draws under the
   * nodes (the room kept for it): no edge label goes there.
   */
  labels: { wrap: number; keepOff: Rect[] };
  detail: PresentDetail;
  fits: boolean;
  className: string;
  style: CSSProperties;
}

type Area = { w: number; h: number };

const roomsCache = new WeakMap<ReplayData, Map<string, Record<string, Extent>>>();

/**
 * The room under each node: what its insides take when drawn at the node's width (measured over
 * the whole run, insides-extent.ts), not a guess; kept per run and width, as the ladder tries several.
 */
function roomsFor(data: ReplayData | null, w: number, compact: boolean): Record<string, Extent> {
  if (!data) return {};
  let byWidth = roomsCache.get(data);
  if (!byWidth) roomsCache.set(data, (byWidth = new Map()));
  const font = insidesFont(true, 1, textPxFor(true, window.innerWidth, window.innerHeight));
  const key = `${w}|${compact}|${font}`;
  let rooms = byWidth.get(key);
  if (!rooms) {
    rooms = insidesExtents(data, w, font, compact);
    byWidth.set(key, rooms);
  }
  return rooms;
}

/** The room the fit leaves the diagram at zoom 1 (fit.ts's insets, margins and rooms). */
function measureArea(flow: HTMLElement): Area {
  const box = flow.getBoundingClientRect();
  const i = canvasInsets();
  // A few px less than the fit's room, so the fit lands on zoom 1, not a hair under it.
  return {
    w: Math.floor(box.width - i.left - i.right - 2 * MARGIN - 4),
    h: Math.floor(box.height - i.top - i.bottom - 2 * MARGIN - PRESENT_FIT.extraTop - 4),
  };
}

/**
 * While presenting: where each node goes, its width and type size, and how much it shows, so
 * that at zoom 1 its text is presentation size and no two nodes (with their insides) overlap.
 * The scenario's own positions are untouched (dragging is off while presenting).
 */
export function usePresentLayout(
  flowRef: RefObject<HTMLDivElement | null>,
  docNodes: readonly { id: string; position: { x: number; y: number } }[],
  measured: Readonly<Record<string, { width: number; height: number } | undefined>>,
  /** The diagram's edges with the labels they draw. */
  edges: readonly { source: string; target: string; data?: { label?: string; refused?: boolean } }[],
): PresentView | null {
  const presenting = useClassroom((s) => s.presenting);
  const nodes = useMemo<LayoutNode[]>(
    () => docNodes.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y })),
    [docNodes],
  );
  const data = useReplayData();
  // The edges and their labels' texts only, kept while they do not change (selecting an edge
  // makes new edges).
  const edgeKey = JSON.stringify(
    edges.map((e) => ({
      source: e.source,
      target: e.target,
      text: e.data?.label ? `${e.data.refused ? '⚠ ' : ''}${e.data.label}` : '',
    })),
  );
  const edgeTexts = useMemo(
    () => JSON.parse(edgeKey) as { source: string; target: string; text: string }[],
    [edgeKey],
  );
  const [measuredArea, setArea] = useState<Area | null>(null);
  const [px, setPx] = useState(PRESENT_PX);
  const area = presenting ? measuredArea : null;

  // The room changes with the window, the band's height (its counters wrap) and the replay bar's
  // (it grows when the run arrives): measured a few times a second, kept only when it moves.
  useEffect(() => {
    if (!presenting) return;
    const update = () => {
      const flow = flowRef.current?.querySelector<HTMLElement>('.react-flow');
      if (!flow) return;
      const next = measureArea(flow);
      setArea((a) => (a && Math.abs(a.w - next.w) < 3 && Math.abs(a.h - next.h) < 3 ? a : next));
      setPx(presentPx(window.innerWidth, window.innerHeight));
    };
    const first = requestAnimationFrame(update);
    const id = window.setInterval(update, 250);
    window.addEventListener('resize', update);
    return () => {
      cancelAnimationFrame(first);
      window.clearInterval(id);
      window.removeEventListener('resize', update);
    };
  }, [presenting, flowRef]);

  // The ladder, largest first: a small diagram (up to four nodes) in larger type, then
  // presentation type at full detail, then label and key figure only.
  const levels = useMemo(() => {
    const all: { px: number; detail: PresentDetail }[] = [
      { px, detail: 'full' },
      { px, detail: 'brief' },
    ];
    return nodes.length <= 4 ? [{ px: Math.round(px * 1.4), detail: 'full' as const }, ...all] : all;
  }, [px, nodes.length]);

  // Another diagram, or presenting again: from the top of the ladder.
  const ladderKey = `${presenting}|${nodes.map((n) => n.id).join('\n')}`;
  const [level, setLevel] = useState(0);
  const [ladderFor, setLadderFor] = useState(ladderKey);
  // The sizes measured at each level, by level and room (to know when a larger one fits
  // again), and at which level the sizes now known were measured: a level's own sizes arrive a
  // render after it is set, and no step is taken on another level's sizes.
  const [seen, setSeen] = useState<Record<string, typeof measured>>({});
  const [sizesOf, setSizesOf] = useState({ measured, level });
  if (ladderFor !== ladderKey) {
    setLadderFor(ladderKey);
    setLevel(0);
    setSeen({});
  }
  if (sizesOf.measured !== measured) setSizesOf({ measured, level });
  const fresh = sizesOf.measured === measured && sizesOf.level === level;

  const view = useMemo(() => {
    if (!area || nodes.length === 0) return null;
    const at = Math.min(level, levels.length - 1);
    const heightsOf = (m: typeof measured) => {
      const out: Record<string, number> = {};
      for (const n of nodes) {
        const h = m[n.id]?.height;
        if (h !== undefined) out[n.id] = h;
      }
      return out;
    };
    const edgesAt = (i: number): PresentEdge[] =>
      edgeTexts.map(({ source, target, text }) => {
        const size = text ? labelSize(text, LABEL_WRAP) : { w: 0, h: 0 };
        const scale = levels[i].px / LABEL_PX;
        return { source, target, w: size.w * scale, h: size.h * scale };
      });
    const layoutIn = (i: number, heights: Record<string, number>, columns: ReadonlyMap<string, number>) => {
      const l = levels[i];
      const brief = l.detail === 'brief';
      const fallbackHeight = l.px * (brief ? 3 : 6);
      const all = edgesAt(i);
      // Labels get a gap of their own between columns only where, routed, they land on
      // something: at most a few rounds (each gap moves the nodes, and so the routes).
      let gapped: PresentEdge[] = [];
      const layout0Width = columnsFor(
        nodes,
        [],
        area.w,
        l.px,
        brief ? BRIEF_MAX_EM : undefined,
        columns,
      ).nodeWidth;
      for (let round = 0; ; round++) {
        const maxEm = brief ? BRIEF_MAX_EM : undefined;
        const extents = roomsFor(
          data,
          columnsFor(nodes, gapped, area.w, l.px, maxEm, columns).nodeWidth,
          brief,
        );
        // Brief: the whole room under each node if it fits, else less of it (the insides are
        // cut in whole lines above the node below), rather than smaller type.
        const layout = presentLayout(
          {
            nodes,
            // 2 px over what was measured: the fit's rounding, so the lowest reaches the bar at most.
            roomUnder: Object.fromEntries(Object.entries(extents).map(([id, e]) => [id, e.h + 2])),
            roomAbove: DOTS_ABOVE,
            area,
            px: l.px,
            heights,
            fallbackHeight,
            labels: gapped,
            reach: Object.fromEntries(Object.entries(extents).map(([id, e]) => [id, e.w])),
            maxWidthEm: maxEm,
            columns,
          },
          brief ? [1, 0.6, 0.3, 0] : [1],
        );
        const rects: Record<string, Rect> = {};
        for (const n of nodes) {
          const at = layout.positions[n.id];
          rects[n.id] = { x: at.x, y: at.y, w: layout.nodeWidth, h: heights[n.id] ?? fallbackHeight };
        }
        const insides = Object.entries(extents).flatMap(([id, e]) => {
          const r = rects[id];
          if (!r || !e.h) return [];
          // The lowest node of a column draws all of it whatever the share.
          const lowest = !Object.values(rects).some((o) => o.x === r.x && o.y > r.y);
          return [{ x: r.x, y: r.y + r.h, w: e.w, h: lowest ? e.h : e.h * layout.roomShare }];
        });
        const more =
          round < 4 ? labelsInTheWay(all, rects, insides, area).filter((e) => !gapped.includes(e)) : [];
        // Not at any price: nodes much narrower (15 %) wrap their labels onto more lines and take
        // the height the insides need (orchestration-vs-choreography); as many as that allows.
        const next = [...gapped];
        for (const e of more)
          if (columnsFor(nodes, [...next, e], area.w, l.px, maxEm, columns).nodeWidth >= 0.85 * layout0Width)
            next.push(e);
        if (next.length === gapped.length) return { ...layout, insides };
        gapped = next;
      }
    };
    // The template's columns, or, where they fit only with the insides cut (or not at all), the
    // tallest eased (present-layout.ts easeColumns) if those fit with the insides whole. Only
    // then: eased, the nodes are narrower (a long word may break) and the labels' routes longer,
    // a price worth paying for whole insides, not for a share more of them (1366×768).
    const own = columnsOf(nodes);
    const eased = easeColumns(nodes, own, edgeTexts);
    const layoutAt = (i: number, heights: Record<string, number>) => {
      const first = layoutIn(i, heights, own);
      if (!eased || (first.fits && first.roomShare === 1)) return first;
      const other = layoutIn(i, heights, eased);
      return other.fits && other.roomShare === 1 ? other : first;
    };
    const layout = layoutAt(at, heightsOf(measured));
    const keyOf = (i: number) => `${i}:${levels[i].px}:${area.w}`;
    let want = at;
    if (fresh && !layout.fits && at < levels.length - 1) want = at + 1;
    else if (fresh && at > 0) {
      const known = seen[keyOf(at - 1)];
      if (known && layoutAt(at - 1, heightsOf(known)).fits) want = at - 1;
    }
    return { layout, want, key: keyOf(at), px: levels[at].px, detail: levels[at].detail };
  }, [area, nodes, measured, data, levels, level, fresh, seen, edgeTexts]);

  if (view && fresh && seen[view.key] !== measured) setSeen({ ...seen, [view.key]: measured });
  if (view && view.want !== level) setLevel(view.want);

  useEffect(() => {
    presentRoom.extraBottom = view ? view.layout.extraBottom : null;
    presentInsides.compact = view?.detail === 'brief';
  }, [view]);

  return useMemo(() => {
    if (!view) return null;
    return {
      positions: view.layout.positions,
      labelScale: view.px / LABEL_PX,
      labels: { wrap: LABEL_WRAP, keepOff: view.layout.insides },
      detail: view.detail,
      fits: view.layout.fits,
      className: `present-layout present-layout--${view.detail}`,
      style: {
        '--present-px': `${view.px}px`,
        '--present-node-w': `${view.layout.nodeWidth}px`,
      } as CSSProperties,
    };
  }, [view]);
}
