import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { DocEdge, DocNode, ScenarioDoc } from '../../../src/engine/scenario/doc';
import {
  edgeSchema,
  lessonSchema,
  nodeSchema,
  scenarioSchema,
  settingsSchema,
} from '../../../src/engine/scenario/schema';

/**
 * The editor's document types are derived from the zod schema (scenario/doc.ts), so they
 * cannot drift from it. These checks run in `npm run typecheck` (expectTypeOf is a type-level
 * assertion); the last one checks the same names at run time.
 */

// The names of the v1 format (design/scenario-format.md): keep every one.
type FormatFields = 'format' | 'version' | 'name' | 'notes' | 'settings' | 'lesson' | 'nodes' | 'edges';
type NodeFields = 'id' | 'kind' | 'label' | 'position' | 'params';
type EdgeFields = 'id' | 'source' | 'target' | 'role' | 'params';
type SettingNames =
  | 'durationSeconds'
  | 'warmupSeconds'
  | 'seed'
  | 'replications'
  | 'region'
  | 'includeFreeTier'
  | 'lambdaBillingGranularityMs'
  | 'accountConcurrency'
  | 'startTime';

describe('the scenario document types', () => {
  it('keep the format’s names', () => {
    expectTypeOf<keyof ScenarioDoc>().toEqualTypeOf<FormatFields>();
    expectTypeOf<keyof DocNode>().toEqualTypeOf<NodeFields>();
    expectTypeOf<keyof DocEdge>().toEqualTypeOf<EdgeFields>();
    expectTypeOf<keyof z.input<typeof settingsSchema>>().toEqualTypeOf<SettingNames>();
  });

  it('are the schema’s own types, field by field', () => {
    expectTypeOf<DocNode>().toEqualTypeOf<z.output<typeof nodeSchema>>();
    expectTypeOf<DocEdge['role']>().toEqualTypeOf<z.input<typeof edgeSchema>['role']>();
    expectTypeOf<DocEdge['params']>().toEqualTypeOf<z.output<typeof edgeSchema>['params']>();
    expectTypeOf<ScenarioDoc['format']>().toEqualTypeOf<'serverless-sim.scenario'>();
    expectTypeOf<ScenarioDoc['version']>().toEqualTypeOf<1>();
    // Settings as written: sparse, each typed by its schema (a hand-written Record would say unknown).
    expectTypeOf<ScenarioDoc['settings']['durationSeconds']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ScenarioDoc['settings']['lambdaBillingGranularityMs']>().toEqualTypeOf<
      1 | 100 | undefined
    >();
    expectTypeOf<ScenarioDoc['lesson']>().toEqualTypeOf<z.input<typeof lessonSchema> | undefined>();
    // What validation gives back (defaults applied) is a document the editor can hold.
    expectTypeOf<z.output<typeof scenarioSchema>>().toExtend<ScenarioDoc>();
  });

  it('name at run time the same fields the types name', () => {
    const format: FormatFields[] = [
      'format',
      'version',
      'name',
      'notes',
      'settings',
      'lesson',
      'nodes',
      'edges',
    ];
    const node: NodeFields[] = ['id', 'kind', 'label', 'position', 'params'];
    const edge: EdgeFields[] = ['id', 'source', 'target', 'role', 'params'];
    expect(Object.keys(scenarioSchema.shape).sort()).toEqual([...format].sort());
    expect(Object.keys(nodeSchema.in.shape).sort()).toEqual([...node].sort());
    expect(Object.keys(edgeSchema.shape).sort()).toEqual([...edge].sort());
  });
});
