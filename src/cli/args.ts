/** A tiny argument parser: positionals, --flag, --key value. Unknown flags are errors. */
export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

export function parseArgs(argv: string[], spec: { flags: string[]; values: string[] }): ParsedArgs {
  const out: ParsedArgs = { positionals: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      out.positionals.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split('=', 2);
    if (spec.flags.includes(name)) out.flags.add(name);
    else if (spec.values.includes(name)) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      out.values.set(name, v);
    } else throw new UsageError(`unknown option --${name}`);
  }
  return out;
}

export class UsageError extends Error {}

export function numberArg(
  args: ParsedArgs,
  name: string,
  opts: { min: number; max: number; int?: boolean },
): number | undefined {
  const raw = args.values.get(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < opts.min || n > opts.max || (opts.int && !Number.isInteger(n))) {
    throw new UsageError(
      `--${name} must be ${opts.int ? 'a whole number' : 'a number'} from ${opts.min} to ${opts.max} (got "${raw}")`,
    );
  }
  return n;
}
