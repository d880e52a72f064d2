import { readFileSync } from 'node:fs';

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

/**
 * The front of a command that takes one input file and an optional --out: parses the
 * arguments and reads the file as text. Returns the exit code instead when it is done
 * (0 after --help, 2 after a usage error or an unreadable file, with the message printed).
 */
export function oneFileCommand(
  argv: string[],
  usage: string,
  what: string,
): { file: string; text: string; out: string | undefined } | number {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, { flags: ['help'], values: ['out'] });
    if (args.flags.has('help')) {
      console.log(usage);
      return 0;
    }
    if (args.positionals.length !== 1) throw new UsageError(`give exactly one ${what} file`);
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  const file = args.positionals[0];
  try {
    return { file, text: readFileSync(file, 'utf8'), out: args.values.get('out') };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    console.error(
      err.code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${err.message})`,
    );
    return 2;
  }
}
