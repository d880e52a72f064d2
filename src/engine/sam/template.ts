import { keyedRecord } from '../own-keys';
/**
 * The shape of a CloudFormation / SAM template after parsing, and the checks that must pass
 * before any of it is read: a Resources map of typed resources, and no DependsOn cycle.
 */
export interface CfnResource {
  Type: string;
  Properties: Record<string, unknown>;
  Condition?: string;
  DependsOn?: string | string[];
  Metadata?: Record<string, unknown>;
}

export interface CfnTemplate {
  description?: string;
  transform: string[];
  parameters: Record<string, Record<string, unknown>>;
  mappings: Record<string, Record<string, Record<string, unknown>>>;
  conditions: Record<string, unknown>;
  globals: Record<string, Record<string, unknown>>;
  resources: Record<string, CfnResource>;
  metadata: Record<string, unknown>;
}

export type TemplateCheck = { ok: true; template: CfnTemplate } | { ok: false; reason: string };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asObj(v: unknown): Record<string, unknown> {
  return isObj(v) ? v : {};
}

export { isObj };

/** Does this document look like a template at all, and is it one CloudFormation would accept? */
export function readTemplate(doc: unknown, maxResources: number): TemplateCheck {
  if (!isObj(doc))
    return { ok: false, reason: 'not a CloudFormation or SAM template: the file is not a map of sections' };
  if (doc.format === 'serverless-sim.scenario')
    return { ok: false, reason: 'this is a simulator scenario, not a template: open it as a scenario' };
  if (!('Resources' in doc)) {
    const keys = Object.keys(doc).slice(0, 5).join(', ');
    return {
      ok: false,
      reason: `not a CloudFormation or SAM template: it has no Resources section (top-level keys: ${keys || 'none'})`,
    };
  }
  if (!isObj(doc.Resources) || Object.keys(doc.Resources).length === 0)
    return { ok: false, reason: 'Resources must be a map with at least one resource' };
  const n = Object.keys(doc.Resources).length;
  if (n > maxResources)
    return {
      ok: false,
      reason: `the template declares ${n} resources; CloudFormation allows at most ${maxResources} per template`,
    };
  // Logical ids are the template's own words: "__proto__" or "constructor" must stay a resource.
  const resources = keyedRecord<CfnResource>();
  for (const [id, r] of Object.entries(doc.Resources)) {
    if (!isObj(r) || typeof r.Type !== 'string')
      return { ok: false, reason: `Resources.${id} has no Type: every resource needs "Type: AWS::…"` };
    resources[id] = {
      Type: r.Type,
      Properties: asObj(r.Properties),
      Condition: typeof r.Condition === 'string' ? r.Condition : undefined,
      DependsOn:
        typeof r.DependsOn === 'string' || Array.isArray(r.DependsOn) ? (r.DependsOn as string[]) : undefined,
      Metadata: isObj(r.Metadata) ? r.Metadata : undefined,
    };
  }
  const cycle = dependsOnCycle(resources);
  if (cycle)
    return {
      ok: false,
      reason: `DependsOn forms a cycle: ${cycle.join(' → ')}; CloudFormation refuses such a template (circular dependency)`,
    };
  const transform =
    typeof doc.Transform === 'string'
      ? [doc.Transform]
      : Array.isArray(doc.Transform)
        ? doc.Transform.filter((t): t is string => typeof t === 'string')
        : [];
  return {
    ok: true,
    template: {
      description: typeof doc.Description === 'string' ? doc.Description : undefined,
      transform,
      parameters: asObj(doc.Parameters) as CfnTemplate['parameters'],
      mappings: asObj(doc.Mappings) as CfnTemplate['mappings'],
      conditions: asObj(doc.Conditions),
      globals: asObj(doc.Globals) as CfnTemplate['globals'],
      resources,
      metadata: asObj(doc.Metadata),
    },
  };
}

function dependsOnList(r: CfnResource): string[] {
  if (typeof r.DependsOn === 'string') return [r.DependsOn];
  return (r.DependsOn ?? []).filter((d): d is string => typeof d === 'string');
}

/** The first cycle of DependsOn, as a path that returns to its start; iterative (no deep recursion). */
export function dependsOnCycle(resources: Record<string, CfnResource>): string[] | null {
  const state = new Map<string, 1 | 2>(); // 1 on the stack, 2 done
  for (const start of Object.keys(resources)) {
    if (state.has(start)) continue;
    const stack: { id: string; next: number; deps: string[] }[] = [
      { id: start, next: 0, deps: dependsOnList(resources[start]) },
    ];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next >= top.deps.length) {
        state.set(top.id, 2);
        stack.pop();
        continue;
      }
      const d = top.deps[top.next++];
      if (!(d in resources)) continue;
      const s = state.get(d);
      if (s === 1) {
        const from = stack.findIndex((f) => f.id === d);
        return [...stack.slice(from).map((f) => f.id), d];
      }
      if (s === undefined) {
        state.set(d, 1);
        stack.push({ id: d, next: 0, deps: dependsOnList(resources[d]) });
      }
    }
  }
  return null;
}
