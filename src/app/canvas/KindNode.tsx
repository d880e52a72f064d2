import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { KindIcon } from './kind-icons';
import type { KindFlowNode } from './to-flow';
import { RunBadges } from './RunBadges';

/** One node on the canvas: icon, label, kind, a one-line summary; inputs left, outputs right. */
export const KindNode = memo(function KindNode({ id, data, selected }: NodeProps<KindFlowNode>) {
  const { node, title, summary, invalid, canReceive, canSend } = data;
  return (
    <div
      className={`kind-node kind-node--${node.kind}${selected ? ' is-selected' : ''}${invalid ? ' is-invalid' : ''}`}
      data-testid={`node-${id}`}
    >
      {canReceive ? (
        <Handle
          type="target"
          position={Position.Left}
          className="kind-node__handle"
          aria-label={`Input of ${node.label}`}
        />
      ) : null}
      <div className="kind-node__head">
        <KindIcon kind={node.kind} size={22} />
        <div className="kind-node__names">
          <div className="kind-node__label">{node.label}</div>
          <div className="kind-node__kind">{title}</div>
        </div>
      </div>
      <div className="kind-node__summary">
        {invalid ? <span aria-hidden="true">⚠ </span> : null}
        {summary || '\u00a0'}
      </div>
      <RunBadges nodeId={id} kind={node.kind} />
      {canSend ? (
        <Handle
          type="source"
          position={Position.Right}
          className="kind-node__handle"
          aria-label={`Output of ${node.label}`}
        />
      ) : null}
    </div>
  );
});
