import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { KindFlowEdge } from './to-flow';

/** An edge drawn by what it means (see edge-style.ts), with its short label. */
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
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
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
