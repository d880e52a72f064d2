import type { z } from 'zod';
import type { edgeSchema, nodeSchema, scenarioSchema } from './schema';

/**
 * The scenario document as written and edited: the v1 file format (docs: scenario-format.md),
 * sparse — params and settings keep only what the person set, defaults come from the schemas.
 * It is what the editor holds, autosave, export and share links write, validateScenario reads
 * and the SAM importer produces.
 *
 * Derived from the zod schema (schema.ts), not written beside it: a field renamed or added
 * there changes these types, so code that still uses the old name does not compile.
 * Where the editor keeps a field complete, the parsed (output) type is used; where it keeps
 * what was written (role, notes, settings, lesson), the input type.
 */
type ScenarioIn = z.input<typeof scenarioSchema>;
type ScenarioOut = z.output<typeof scenarioSchema>;

/** A node as the editor holds it: a label, a position and a params object (params sparse). */
export type DocNode = z.output<typeof nodeSchema>;

/** An edge as the editor holds it: `role` left out means invoke; params sparse. */
export type DocEdge = Omit<z.output<typeof edgeSchema>, 'role'> & Pick<z.input<typeof edgeSchema>, 'role'>;

/**
 * Settings as written: every one optional, typed by the schema; the editor also reads and
 * writes them by name (the inspector's fields), hence the index signature.
 */
export type DocSettings = NonNullable<ScenarioIn['settings']> & Record<string, unknown>;

export type ScenarioDoc = Pick<ScenarioOut, 'format' | 'version' | 'name'> &
  Pick<ScenarioIn, 'notes' | 'lesson'> & {
    settings: DocSettings;
    nodes: DocNode[];
    edges: DocEdge[];
  };
