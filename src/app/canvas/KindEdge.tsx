import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { pathOf, type Pt } from './route';
import type { KindFlowEdge } from './to-flow';

/**
 * The route's ends moved onto the handles React Flow measured (a few pixels off the node's
 * border), with the first and last legs kept horizontal.
 */
function onHandles(points: readonly Pt[], s: Pt, t: Pt): Pt[] {
  const pts = points.map((p) => ({ ...p }));
  const n = pts.length;
  if (n < 2) return pts;
  if (n > 2 && pts[1].y === pts[0].y) pts[1].y = s.y;
  if (n > 2 && pts[n - 2].y === pts[n - 1].y) pts[n - 2].y = t.y;
  pts[0] = s;
  pts[n - 1] = t;
  return pts;
}

/** An edge drawn by what it means (see edge-style.ts), routed around the nodes, with its short label. */
export function KindEdge(props: EdgeProps<KindFlowEdge>) {
  const {
    id,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    data,
    selected,
    markerEnd,
  } = props;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (data?.route) {
    path = pathOf(onHandles(data.route.points, { x: sourceX, y: sourceY }, { x: targetX, y: targetY }));
    labelX = data.route.label.x;
    labelY = data.route.label.y;
  } else {
    [path, labelX, labelY] = getBezierPath({
      sourceX,
      sourceY,
      targetX,
      targetY,
      sourcePosition,
      targetPosition,
    });
  }
  const look = data?.refused ? 'failure' : (data?.look ?? 'async');
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`kind-edge kind-edge--${look}${selected ? ' is-selected' : ''}`}
        interactionWidth={24}
      />
      {data?.label ? (
        <EdgeLabelRenderer>
          <div
            className={`kind-edge__label kind-edge__label--${look}${data.refused ? ' is-refused' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {data.refused ? '⚠ ' : ''}
            {data.label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}
