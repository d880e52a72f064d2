import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { onHandles, pathOf } from './route';
import type { KindFlowEdge } from './to-flow';

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
  const scale = data?.labelScale ?? 1;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`kind-edge kind-edge--${look}${selected ? ' is-selected' : ''}`}
        interactionWidth={24}
      />
      {data?.label && scale > 0 ? (
        <EdgeLabelRenderer>
          <div
            className={`kind-edge__label kind-edge__label--${look}${data.refused ? ' is-refused' : ''}`}
            style={{
              transform: `translate(${labelX}px, ${labelY}px) translate(-50%, -50%)${scale !== 1 ? ` scale(${scale})` : ''}`,
              maxWidth: data.labelWrap,
            }}
          >
            {data.refused ? '⚠ ' : ''}
            {data.label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}
