import { KINDS } from '../../engine/kinds/registry';
import { ownEntry } from '../../engine/own-keys';
import { describeSchema, type FieldSpec } from '../inspector/schema-fields';

/**
 * A swept parameter in the words the inspector uses for it, from its kind's schema and
 * catalog: nodes[id=handler].params.duration.meanMs reads "Handler duration: mean" in ms,
 * components[name=api].vcpu reads "Components (api): vCPU". The compare view's parameter list
 * and the chart's x axis use it instead of the path.
 */
export interface ParamWords {
  title: string;
  /** The unit of the value as the sweep varies it ("ms", "requests/s"); '' when it has none. */
  unit: string;
}

/** A distribution's numbers, named as the inspector's shape chooser names them. */
const DISTRIBUTION_WORDS: Record<string, string> = {
  meanMs: 'mean',
  p99Ms: 'p99',
  sdMs: 'standard deviation',
  minMs: 'minimum',
  maxMs: 'maximum',
};

export const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** "traffic.ratePerSecond" → [["traffic"], ["ratePerSecond"]]; "components[name=api].vcpu" → [["components","api"], ["vcpu"]]. */
function segments(inner: string): [string, string | undefined][] | null {
  const out: [string, string | undefined][] = [];
  const re = /([^.[\]]+)(?:\[[^=\]]+=([^\]]*)\])?\.?/y;
  let read = 0;
  let m: RegExpExecArray | null;
  while (read < inner.length && (m = re.exec(inner))) {
    out.push([m[1], m[2]]);
    read = re.lastIndex;
  }
  return read === inner.length ? out : null;
}

export function paramWords(kindName: string, inner: string): ParamWords | null {
  const kind = ownEntry(KINDS as Record<string, (typeof KINDS)[keyof typeof KINDS]>, kindName);
  const segs = segments(inner);
  if (!kind || !segs || segs.length === 0) return null;
  let fields: readonly FieldSpec[] = describeSchema(kind.params, kind.fields);
  const titles: string[] = [];
  let leaf: FieldSpec | undefined;
  let parent: FieldSpec | undefined;
  let inDistribution = false;
  for (const [key, item] of segs) {
    const f = fields.find((x) => x.key === key);
    if (!f) return null;
    inDistribution = parent?.type === 'distribution' && key in DISTRIBUTION_WORDS;
    if (inDistribution) titles.push(DISTRIBUTION_WORDS[key]);
    else if (item !== undefined) titles.push(`${f.title.replace(/\s*\([^)]*\)\s*$/, '')} (${item})`);
    else titles.push(titles.length ? lowerFirst(f.title) : f.title);
    leaf = f;
    parent = f;
    if (f.type === 'object' || f.type === 'distribution') fields = f.fields;
    else if (f.type === 'list') fields = f.item.fields;
    else fields = [];
  }
  if (!leaf || leaf.type !== 'number') return null;
  let unit = leaf.unit ?? '';
  if (inDistribution) unit = 'ms';
  let title = titles.join(': ');
  // A share is swept as the fraction the scenario stores.
  if (unit === 'fraction') {
    title += ' (0 to 1)';
    unit = '';
  }
  // "vCPU" needs no "(vCPU)" after it.
  if (unit && title.toLowerCase().endsWith(unit.toLowerCase())) unit = '';
  return { title, unit };
}
