import { memo, type CSSProperties } from 'react';
import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { categoryColour, KindIcon } from './kind-icons';
import type { KindFlowNode } from './to-flow';
import { RunBadges } from './RunBadges';
import { FindingMark } from '../checks/FindingMark';
import { labelPxFor, nodeDetail } from './node-detail';
import { useClassroom } from '../classroom/store';

/**
 * One node on the canvas, in AWS's visual language: the service's icon, the category colour
 * along its top, the label and the kind, and its key facts. Text wraps instead of being cut.
 * Inputs left, outputs right.
 */
export const KindNode = memo(function KindNode({ id, data, selected }: NodeProps<KindFlowNode>) {
  const { node, title, summary, invalid, canReceive, canSend } = data;
  // Semantic zoom: one selector per detail level and size, so panning does not re-render.
  const detailKey = useStore((s) => {
    const d = nodeDetail(s.transform[2]);
    return `${d.level}:${d.labelPx}:${d.badgePx}:${d.markPx}:${d.needPx}`;
  });
  const [level, labelPx, badgePx, markPx, needPx] = detailKey.split(':');
  // Presenting, the presentation layout chooses what a node shows (its type is sized for the
  // room at the fitted zoom): compact nodes there are shorter, the fit zooms in, the nodes grow
  // again and the fit zooms out, for ever (seen at 1366×768: 0.72 ↔ 0.91 every few frames).
  const presenting = useClassroom((s) => s.presenting);
  const compact = level === 'compact' && !presenting;
  const compactPx = compact ? labelPxFor(node.label, Number(labelPx)) : 0;
  // Too far out for the label to read at 10 px: the icon alone, the name in the tooltip.
  const iconOnly = compact && compactPx < Number(needPx);
  const style = {
    '--category': categoryColour(node.kind),
    ...(compact ? { '--label-px': `${compactPx}px`, '--mark-px': `${markPx}px` } : {}),
  } as CSSProperties;
  return (
    <div
      className={`kind-node kind-node--${node.kind}${selected ? ' is-selected' : ''}${invalid ? ' is-invalid' : ''}${compact ? ' is-compact' : ''}`}
      style={style}
      data-testid={`node-${id}`}
      title={compact ? `${node.label}: ${title}${summary ? `, ${summary}` : ''}` : undefined}
    >
      {canReceive ? <Handle type="target" position={Position.Left} className="kind-node__handle" /> : null}
      {compact ? (
        // Zoomed out: the icon sits in the label's first line, so the label has the node's
        // whole width and its words are never broken.
        <div
          className={`kind-node__label kind-node__label--compact${iconOnly ? ' kind-node__label--icon-only' : ''}`}
        >
          <KindIcon kind={node.kind} size={0} />
          {iconOnly ? <span className="visually-hidden">{node.label}</span> : breakable(node.label)}
        </div>
      ) : (
        <div className="kind-node__head">
          <KindIcon kind={node.kind} size={36} />
          <div className="kind-node__names">
            <div className="kind-node__label">{breakable(node.label)}</div>
            <div className="kind-node__kind">{title}</div>
          </div>
        </div>
      )}
      {compact ? null : (
        <div className="kind-node__summary">
          {invalid ? <span aria-hidden="true">⚠ </span> : null}
          {summary || '\u00a0'}
        </div>
      )}
      <RunBadges nodeId={id} kind={node.kind} px={compact ? Number(badgePx) : undefined} />
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
