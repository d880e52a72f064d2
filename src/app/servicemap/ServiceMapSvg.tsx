import { useLayoutEffect, useRef, useState } from 'react';
import { fmtMs } from '../results/format';
import { sharesOf, type MapNode, type ServiceMap } from './map-data';
import { pressed } from '../shortcuts/keymap';

/** X-Ray's colours for the four outcome classes, in its order. */
export const OUTCOME_CLASSES = [
  { key: 'ok', label: 'OK', color: 'var(--map-ok)' },
  { key: 'error', label: 'Error (4xx)', color: 'var(--map-error)' },
  { key: 'throttle', label: 'Throttle (429)', color: 'var(--map-throttle)' },
  { key: 'fault', label: 'Fault (5xx)', color: 'var(--map-fault)' },
] as const;

export function fmtRate(r: number): string {
  if (r === 0) return '0/s';
  if (r >= 100) return `${Math.round(r).toLocaleString('en-US')}/s`;
  if (r >= 1) return `${r.toFixed(1)}/s`;
  return `${r.toPrecision(2)}/s`;
}

/**
 * The map: nodes where the diagram has them (scaled to fit), each a circle ringed by its
 * outcome shares with its figures beneath, connections as arrows labelled with their rate.
 * `font` is the base text size in px (24 in presentation mode).
 */
export function ServiceMapSvg({
  map,
  selected,
  onSelect,
  font = 15,
  label = 'Service map',
}: {
  map: ServiceMap;
  selected: string | null;
  onSelect?: (id: string) => void;
  font?: number;
  label?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 800, h: 500 });
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setSize({ w: Math.max(200, el.clientWidth), h: Math.max(160, el.clientHeight) });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const r = Math.round(font * 2.1);
  const textBelow = font * 4.4;
  // Room at the sides for half the widest text under a node (its label, "mean 1.23 s"): about
  // 0.6 em a character, so no text is cut at the edge and nodes spread as far as they can.
  const longest = Math.max(12, ...map.nodes.map((n) => n.label.length));
  const padX = longest * font * 0.36 + font * 0.5;
  const padTop = r + font;
  const padBottom = r + textBelow + font;
  const xs = map.nodes.map((n) => n.x);
  const ys = map.nodes.map((n) => n.y);
  const minX = Math.min(...xs, 0);
  const minY = Math.min(...ys, 0);
  const spanX = Math.max(1, Math.max(...xs, 0) - minX);
  const spanY = Math.max(1, Math.max(...ys, 0) - minY);
  const scale = Math.min((size.w - 2 * padX) / spanX, (size.h - padTop - padBottom) / spanY, 2.5);
  const offX = (size.w - spanX * scale) / 2;
  const offY = padTop + Math.max(0, (size.h - padTop - padBottom - spanY * scale) / 2);
  const at = new Map(
    map.nodes.map((n) => [n.id, { x: offX + (n.x - minX) * scale, y: offY + (n.y - minY) * scale }]),
  );

  return (
    <div className="servicemap-canvas" ref={box}>
      <svg width={size.w} height={size.h} role="group" aria-label={label} style={{ fontSize: font }}>
        <defs>
          <marker
            id="servicemap-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="var(--map-edge)" />
          </marker>
        </defs>
        {map.edges.map((e) => {
          const a = at.get(e.source);
          const b = at.get(e.target);
          if (!a || !b) return null;
          const dx = b.x - a.x;
          const dy = b.y - a.y;
          const d = Math.hypot(dx, dy) || 1;
          const gap = r + 6;
          const x1 = a.x + (dx / d) * gap;
          const y1 = a.y + (dy / d) * gap;
          const x2 = b.x - (dx / d) * (gap + 2);
          const y2 = b.y - (dy / d) * (gap + 2);
          const mx = (x1 + x2) / 2;
          const my = (y1 + y2) / 2;
          const text = fmtRate(e.ratePerSecond);
          const tw = text.length * font * 0.62 + font * 0.6;
          return (
            <g key={e.id} className="servicemap-edge" data-edge={e.id} data-rate={e.ratePerSecond}>
              <line x1={x1} y1={y1} x2={x2} y2={y2} markerEnd="url(#servicemap-arrow)" />
              <rect x={mx - tw / 2} y={my - font * 0.8} width={tw} height={font * 1.6} rx={font * 0.4} />
              <text x={mx} y={my} dominantBaseline="central" textAnchor="middle">
                {text}
              </text>
            </g>
          );
        })}
        {map.nodes.map((n) => {
          const p = at.get(n.id)!;
          return (
            <MapNodeGlyph
              key={n.id}
              node={n}
              x={p.x}
              y={p.y}
              r={r}
              font={font}
              selected={selected === n.id}
              onSelect={onSelect}
            />
          );
        })}
      </svg>
    </div>
  );
}

function MapNodeGlyph({
  node,
  x,
  y,
  r,
  font,
  selected,
  onSelect,
}: {
  node: MapNode;
  x: number;
  y: number;
  r: number;
  font: number;
  selected: boolean;
  onSelect?: (id: string) => void;
}) {
  const shares = sharesOf(node.outcomes);
  const ring = Math.max(6, font * 0.55);
  const circ = 2 * Math.PI * r;
  // Where each class's arc starts along the ring: the shares before it, in X-Ray's order.
  const starts = OUTCOME_CLASSES.map((_, i) =>
    OUTCOME_CLASSES.slice(0, i).reduce((sum, c) => sum + shares[c.key] * circ, 0),
  );
  const latency =
    node.meanMs === null
      ? 'no latency of its own'
      : `mean ${fmtMs(node.meanMs)} · p95 ${fmtMs(node.p95Ms ?? 0)}`;
  const pct = (v: number) => `${(v * 100).toFixed(v > 0 && v < 0.01 ? 2 : 1)} %`;
  const described = `${node.label}: ${fmtRate(node.ratePerSecond)}, ${latency}; ${OUTCOME_CLASSES.map((c) => `${c.label} ${pct(shares[c.key])}`).join(', ')}`;
  const interactive = onSelect !== undefined;
  return (
    <g
      className={`servicemap-node${selected ? ' servicemap-node--selected' : ''}`}
      data-node={node.id}
      data-rate={node.ratePerSecond}
      data-mean={node.meanMs ?? ''}
      data-p95={node.p95Ms ?? ''}
      role={interactive ? 'button' : 'img'}
      tabIndex={interactive ? 0 : undefined}
      aria-pressed={interactive ? selected : undefined}
      aria-label={described}
      onClick={interactive ? () => onSelect(node.id) : undefined}
      onKeyDown={
        interactive
          ? (e) => {
              if (pressed('pick', e)) {
                e.preventDefault();
                onSelect(node.id);
              }
            }
          : undefined
      }
    >
      <title>{described}</title>
      <circle className="servicemap-node__disc" cx={x} cy={y} r={r - ring / 2} />
      <circle className="servicemap-node__track" cx={x} cy={y} r={r} strokeWidth={ring} fill="none" />
      {OUTCOME_CLASSES.map((c, i) => {
        const len = shares[c.key] * circ;
        return len > 0 ? (
          <circle
            key={c.key}
            data-share={c.key}
            data-value={shares[c.key]}
            cx={x}
            cy={y}
            r={r}
            fill="none"
            stroke={c.color}
            strokeWidth={ring}
            strokeDasharray={`${len} ${circ - len}`}
            strokeDashoffset={-starts[i]}
            transform={`rotate(-90 ${x} ${y})`}
          />
        ) : null;
      })}
      <text
        className="servicemap-node__rate"
        x={x}
        y={y}
        dominantBaseline="central"
        textAnchor="middle"
        style={{ fontSize: font * 0.8 }}
      >
        {fmtRate(node.ratePerSecond)}
      </text>
      <text className="servicemap-node__label" x={x} y={y + r + font * 1.3} textAnchor="middle">
        {node.label}
      </text>
      <text className="servicemap-node__figures" x={x} y={y + r + font * 2.6} textAnchor="middle">
        {node.meanMs === null ? '—' : `mean ${fmtMs(node.meanMs)}`}
      </text>
      <text className="servicemap-node__figures" x={x} y={y + r + font * 3.8} textAnchor="middle">
        {node.p95Ms === null ? '' : `p95 ${fmtMs(node.p95Ms)}`}
      </text>
    </g>
  );
}
