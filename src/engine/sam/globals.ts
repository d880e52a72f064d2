import { isObj, type CfnTemplate } from './template';

/** SAM resource types that take Globals, by the Globals section's name. */
const GLOBAL_SECTIONS: Record<string, string> = {
  Function: 'AWS::Serverless::Function',
  Api: 'AWS::Serverless::Api',
  HttpApi: 'AWS::Serverless::HttpApi',
  SimpleTable: 'AWS::Serverless::SimpleTable',
  StateMachine: 'AWS::Serverless::StateMachine',
};

/**
 * SAM's Globals, merged the way SAM merges them: a resource's own value wins; maps are merged
 * key by key; lists are the global items followed by the resource's.
 */
export function applyGlobals(tpl: CfnTemplate): void {
  for (const [section, type] of Object.entries(GLOBAL_SECTIONS)) {
    const g = tpl.globals[section];
    if (!isObj(g)) continue;
    for (const r of Object.values(tpl.resources)) {
      if (r.Type === type) r.Properties = merge(g, r.Properties) as Record<string, unknown>;
    }
  }
}

function merge(global: unknown, local: unknown): unknown {
  if (local === undefined) return global;
  if (isIntrinsic(local) || isIntrinsic(global)) return local;
  if (isObj(global) && isObj(local)) {
    const out: Record<string, unknown> = { ...global };
    for (const [k, v] of Object.entries(local)) out[k] = merge(global[k], v);
    return out;
  }
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  return local;
}

function isIntrinsic(v: unknown): boolean {
  if (!isObj(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}
