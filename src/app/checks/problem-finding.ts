import type { Finding } from '../../engine/checks';
import { source } from '../../engine/checks/sources';
import { KINDS } from '../../engine/kinds/registry';
import type { ValidationIssue } from '../../engine/scenario/issues';
import { describeSchema } from '../inspector/schema-fields';
import { issueInWords } from '../inspector/issue-words';
import type { ScenarioDoc } from '../store/scenario-doc';

const TOP_PARAM = /^nodes\[\d+\]\.params\.([A-Za-z_$][\w$]*)$/;

/**
 * A validation problem shown like a learner finding: the sentence by label, the source of the
 * parameter's range (from its schema), and, for a number outside its range, a fix setting the
 * nearest allowed value (a schedule every 5 s becomes every 60 s, EventBridge Scheduler's least).
 */
export function problemFinding(issue: ValidationIssue, doc: ScenarioDoc, index: number): Finding {
  const finding: Finding = {
    id: `validation:${index}:${issue.path}`,
    check: 'validation',
    severity: 'error',
    message: issueInWords(issue, doc),
    nodeIds: issue.nodeId !== undefined ? [issue.nodeId] : [],
  };
  if (issue.edgeId !== undefined) finding.edgeIds = [issue.edgeId];
  const key = TOP_PARAM.exec(issue.path)?.[1];
  const node = issue.nodeId !== undefined ? doc.nodes.find((n) => n.id === issue.nodeId) : undefined;
  const kind = node ? KINDS[node.kind] : undefined;
  if (!key || !node || !kind) return finding;
  const field = describeSchema(kind.params).find((f) => f.key === key);
  if (!field) return finding;
  if (field.source) finding.source = source(field.source);
  const v = issue.value;
  if (field.type !== 'number' || typeof v !== 'number' || !Number.isFinite(v)) return finding;
  const to =
    field.min !== undefined && v < field.min
      ? field.min
      : field.max !== undefined && v > field.max
        ? field.max
        : undefined;
  if (to === undefined) return finding;
  finding.fix = {
    type: 'setNodeParam',
    label: `Set ${node.label}'s ${field.title.toLowerCase()} to ${to.toLocaleString('en-US')}${field.unit ? ` ${field.unit}` : ''}`,
    nodeId: node.id,
    param: key,
    value: to,
  };
  return finding;
}
