import { categoryColour } from '../canvas/kind-icons';
import type { ScenarioDoc } from '../store/scenario-doc';

/** The size a node is drawn at on the canvas (before it is measured): enough for a sketch. */
const NODE_W = 220;
const NODE_H = 96;
const PAD = 30;

/**
 * A small drawing of a diagram from its node positions: a box per node in its service's
 * colour, a line per connection. Decorative: the card's name and counts say what it is.
 */
export function TemplateThumb({ doc }: { doc: ScenarioDoc }) {
  if (doc.nodes.length === 0) return null;
  const xs = doc.nodes.map((n) => n.position.x);
  const ys = doc.nodes.map((n) => n.position.y);
  const minX = Math.min(...xs) - PAD;
  const minY = Math.min(...ys) - PAD;
  const w = Math.max(...xs) + NODE_W + PAD - minX;
  const h = Math.max(...ys) + NODE_H + PAD - minY;
  const at = new Map(doc.nodes.map((n) => [n.id, n.position]));
  return (
    <svg
      className="template-thumb"
      viewBox={`${minX} ${minY} ${w} ${h}`}
      preserveAspectRatio="xMidYMid meet"
      aria-hidden="true"
      focusable="false"
    >
      {doc.edges.map((e) => {
        const a = at.get(e.source);
        const b = at.get(e.target);
        if (!a || !b) return null;
        return (
          <line
            key={e.id}
            x1={a.x + NODE_W}
            y1={a.y + NODE_H / 2}
            x2={b.x}
            y2={b.y + NODE_H / 2}
            className={e.role === 'dlq' || e.role === 'onFailure' ? 'template-thumb__fail' : undefined}
          />
        );
      })}
      {doc.nodes.map((n) => (
        <g key={n.id}>
          <rect x={n.position.x} y={n.position.y} width={NODE_W} height={NODE_H} rx={10} />
          <rect
            x={n.position.x}
            y={n.position.y}
            width={NODE_W}
            height={16}
            rx={6}
            style={{ fill: categoryColour(n.kind), stroke: 'none' }}
          />
        </g>
      ))}
    </svg>
  );
}
