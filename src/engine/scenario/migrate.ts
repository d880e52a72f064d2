import { SCENARIO_VERSION } from './schema';

/**
 * Brings a scenario document of any known version up to the current one, step by step, so a
 * file saved years ago still loads. Each step takes a document of version n and returns one
 * of version n + 1; add v1 → v2 at STEPS[1] when the format changes.
 */
type Doc = Record<string, unknown>;
type Step = (doc: Doc) => Doc;

const STEPS: Record<number, Step> = {};

/** A document this build cannot read; validation reports it at `path`. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly path = 'version',
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** The document at the current version. Throws MigrationError when it cannot be read. */
export function migrate(doc: unknown): unknown {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new MigrationError('a scenario must be a JSON object', '');
  }
  let out: Doc = { ...(doc as Doc) };
  // Hand-written files often have no version: a scenario without one is read as v1, and
  // validation warns about it (validate.ts). What is not a scenario at all was refused before.
  if (out.version === undefined) out.version = 1;
  const v = out.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return out; // the schema says what is wrong
  if (v > SCENARIO_VERSION) {
    throw new MigrationError(
      `this scenario is version ${v}, saved by a newer Serverless Simulator; this one reads versions up to ${SCENARIO_VERSION}. Update the app or the CLI to open it.`,
    );
  }
  for (let from = v; from < SCENARIO_VERSION; from++) {
    const step = STEPS[from];
    if (!step)
      throw new MigrationError(`no migration from version ${from} to ${from + 1} (a bug: please report it)`);
    out = { ...step(out), version: from + 1 };
  }
  return out;
}
