import type { ImportContext, Mapper } from '../context';
import { isObj } from '../context';
import { ResRef, Unresolved, stringOf, text } from '../intrinsics';
import { parseTemplateText } from '../parse';
import { readAsl } from './asl';
import { expandEvents } from './sam-events';

type Obj = Record<string, unknown>;

/**
 * `${Name}` placeholders of a definition replaced by its DefinitionSubstitutions. A string that
 * is only the placeholder takes the value itself (a reference stays a reference, so the task's
 * function is found); inside a longer string the value is written as text.
 */
export function substitute(v: unknown, subs: Obj): unknown {
  if (typeof v === 'string') {
    const whole = /^\$\{([^}]+)\}$/.exec(v);
    if (whole && whole[1] in subs) return subs[whole[1]];
    return v.replace(/\$\{([^}]+)\}/g, (m, k: string) => (k in subs ? text(subs[k]) : m));
  }
  if (Array.isArray(v)) return v.map((x) => substitute(x, subs));
  if (v instanceof ResRef || v instanceof Unresolved) return v;
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, subs)]));
  return v;
}

/** Where a definition lives in a resource, as the report names it. */
type Source = { def: Obj } | { file: string } | { problem: string };

function definitionOf(ctx: ImportContext, p: Obj, subs: Obj): Source {
  if (isObj(p.Definition)) return { def: substitute(p.Definition, subs) as Obj };
  const str = p.DefinitionString;
  if (str !== undefined) {
    const s = stringOf(str);
    if (s === undefined)
      return { problem: `its DefinitionString could not be evaluated offline (${text(str)})` };
    const filled = String(
      substitute(s, Object.fromEntries(Object.entries(subs).map(([k, x]) => [k, text(x)]))),
    );
    try {
      const def = JSON.parse(filled) as unknown;
      return isObj(def)
        ? { def: substitute(def, subs) as Obj }
        : { problem: 'its DefinitionString is not a JSON object' };
    } catch (e) {
      return { problem: `its DefinitionString is not JSON (${(e as Error).message.slice(0, 120)})` };
    }
  }
  const uri = p.DefinitionUri ?? p.DefinitionS3Location;
  if (uri === undefined) return { problem: 'it has no Definition' };
  const file = stringOf(uri);
  if (!file || /^s3:\/\//.test(file))
    return { problem: `its definition is in S3 (${text(uri)}), which an offline import cannot read` };
  const body = ctx.readBeside?.(file);
  if (body === undefined) return { file };
  const parsed = parseTemplateText(body);
  if (!parsed.ok)
    return {
      problem: `${file} cannot be read: ${parsed.reason}${parsed.line ? ` (line ${parsed.line})` : ''}`,
    };
  return isObj(parsed.doc)
    ? { def: substitute(parsed.doc, subs) as Obj }
    : { problem: `${file} is not a JSON object` };
}

export const stateMachineMappers: Mapper[] = [
  {
    types: ['AWS::Serverless::StateMachine', 'AWS::StepFunctions::StateMachine'],
    phase: 1,
    map(ctx, id, p) {
      const type = stringOf(p.Type) ?? stringOf(p.StateMachineType) ?? 'STANDARD';
      ctx.addNode(id, 'stateMachine', { workflowType: type === 'EXPRESS' ? 'express' : 'standard' });
    },
  },
  {
    types: ['AWS::Serverless::StateMachine', 'AWS::StepFunctions::StateMachine'],
    phase: 2,
    map(ctx, id, p) {
      const node = ctx.node(id)!;
      const subs = isObj(p.DefinitionSubstitutions) ? p.DefinitionSubstitutions : {};
      const src = definitionOf(ctx, p, subs);
      if (!('def' in src)) {
        // The steps are elsewhere: one task per function the substitutions name, in their order.
        const fns = [
          ...new Set(
            Object.values(subs)
              .map((v) => ctx.target(v))
              .filter((f): f is string => !!f && ctx.node(f)?.kind === 'function'),
          ),
        ];
        node.params.steps = fns.length
          ? fns.map((f) => ({
              name: `Call ${f}`.slice(0, 80),
              type: 'task',
              function: ctx.nodeOf.get(f),
              maxAttempts: 0,
            }))
          : [{ name: 'Definition not read', type: 'wait', seconds: 0 }];
        for (const f of fns)
          ctx.link({
            from: id,
            to: f,
            role: 'invoke',
            params: {},
            via: `${id} DefinitionSubstitutions (a function its definition calls)`,
          });
        const why =
          'file' in src
            ? `its definition is in ${src.file}, beside the template, which this import did not read (the app reads one file; the CLI reads it when it is next to the template)`
            : src.problem;
        ctx.assume(
          `${id}: ${why}; ${fns.length ? `its steps are assumed to be one call of each function its DefinitionSubstitutions name (${fns.join(', ')}), without retries` : 'it is drawn with one placeholder step'}: check them in the inspector, or import with the definition inline (Definition)`,
        );
      } else {
        const a = readAsl(
          src.def,
          {
            target: (v) => ctx.target(v),
            kindOf: (l) => ctx.node(l)?.kind,
            nodeId: (l) => ctx.nodeOf.get(l) ?? l,
            defaultBus: () => ctx.defaultBus(),
          },
          id,
        );
        node.params.steps = a.steps.length
          ? a.steps
          : [{ name: 'No state mapped', type: 'wait', seconds: 0 }];
        if (!a.steps.length)
          ctx.assume(`${id}: no state of its definition could be mapped; drawn with one placeholder step`);
        // One edge per target: several steps calling one function share it.
        const once = (list: { to: string; via: string }[], role: 'invoke' | 'onFailure') => {
          for (const [to, via] of new Map(list.map((x) => [x.to, x.via] as const).reverse()))
            ctx.link({ from: id, to, role, params: {}, via });
        };
        once([...a.calls, ...a.writes], 'invoke');
        once(a.failures, 'onFailure');
        for (const s of a.assumed) ctx.assume(s);
        for (const s of a.notMapped) ctx.partNotMapped(s);
      }
      if (isObj(p.Events)) expandEvents(ctx, id, p.Events);
      const cfg = isObj(p.TracingConfiguration)
        ? p.TracingConfiguration
        : isObj(p.Tracing)
          ? p.Tracing
          : undefined;
      if (cfg && cfg.Enabled === true) ctx.warn(`${id}: X-Ray tracing of the state machine is not simulated`);
    },
  },
];
