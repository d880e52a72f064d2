import { memo, type CSSProperties } from 'react';
import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { categoryColour, KindIcon } from './kind-icons';
import type { KindFlowNode } from './to-flow';
import { RunBadges } from './RunBadges';
import { FindingMark } from '../checks/FindingMark';

/**
 * Below this zoom the node's small print (kind, facts: 13–14 px at 100 %) would be drawn under
 * 10 px: the node then shows its icon and label only, larger (semantic zoom).
 */
export const COMPACT_BELOW_ZOOM = 0.72;

/**
 * One node on the canvas, in AWS's visual language: the service's icon, the category colour
 * along its top, the label and the kind, and its key facts. Text wraps instead of being cut.
 * Inputs left, outputs right.
 */
export const KindNode = memo(function KindNode({ id, data, selected }: NodeProps<KindFlowNode>) {
  const { node, title, summary, invalid, canReceive, canSend } = data;
  const compact = useStore((s) => s.transform[2] < COMPACT_BELOW_ZOOM);
  const style = { '--category': categoryColour(node.kind) } as CSSProperties;
  return (
    <div
      className={`kind-node kind-node--${node.kind}${selected ? ' is-selected' : ''}${invalid ? ' is-invalid' : ''}${compact ? ' is-compact' : ''}`}
      style={style}
      data-testid={`node-${id}`}
      title={compact ? `${node.label}: ${title}${summary ? `, ${summary}` : ''}` : undefined}
    >
      {canReceive ? <Handle type="target" position={Position.Left} className="kind-node__handle" /> : null}
      <div className="kind-node__head">
        <KindIcon kind={node.kind} size={compact ? 48 : 36} />
        <div className="kind-node__names">
          {/* Zoomed out, the larger label fills its lines (the layout's spacing assumes so). */}
          <div className="kind-node__label">{compact ? node.label : breakable(node.label)}</div>
          {compact ? null : <div className="kind-node__kind">{title}</div>}
        </div>
      </div>
      {compact ? null : (
        <div className="kind-node__summary">
          {invalid ? <span aria-hidden="true">⚠ </span> : null}
          {summary || '\u00a0'}
        </div>
      )}
      <RunBadges nodeId={id} kind={node.kind} />
      <FindingMark nodeId={id} />
      {canSend ? <Handle type="source" position={Position.Right} className="kind-node__handle" /> : null}
    </div>
  );
});

/**
 * A label with a line-break chance between the words of a CamelCase or dashed name (an
 * imported template's "FilterEventsAndResponseCodeFunction"): it wraps between words, not
 * mid-word.
 */
function breakable(label: string) {
  const parts = label.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[-_./])/);
  if (parts.length < 2) return label;
  return parts.map((p, i) => (
    <span key={i}>
      {i > 0 ? <wbr /> : null}
      {p}
    </span>
  ));
}
