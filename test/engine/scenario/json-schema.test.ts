import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_KINDS } from '../../../src/engine/kinds/registry';
import { scenarioJsonSchema } from '../../../src/engine/scenario/json-schema';
import { writeJsonSchema } from '../../../src/engine/scenario/write-json-schema';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('JSON Schema export', () => {
  const schema = scenarioJsonSchema() as Json;

  it('has one node variant per kind, each with its params', () => {
    const variants: Json[] = schema.properties.nodes.items.oneOf ?? schema.properties.nodes.items.anyOf;
    expect(variants.map((v) => v.properties.kind.const).sort()).toEqual([...NODE_KINDS].sort());
    for (const kind of NODE_KINDS) expect(schema.$defs[`${kind}Params`]).toBeDefined();
  });

  it('carries units, ranges, defaults, help and sources', () => {
    const vis = schema.$defs.queueParams.properties.visibilityTimeoutSeconds;
    expect(vis).toMatchObject({
      type: 'integer',
      minimum: 0,
      maximum: 43200,
      default: 30,
      unit: 's',
      source: '[SQS-VIS] [L-SQS23]',
    });
    expect(vis.help).toMatch(/6 ×/);
    expect(schema.properties.settings.properties.durationSeconds).toMatchObject({
      minimum: 1,
      maximum: 2592000,
      default: 600,
    });
  });

  it('describes the input: params, settings and edges may be left out', () => {
    // version may be left out too: validation reads such a file as version 1 with a warning
    // (migrate.test.ts), and the schema must not refuse what the app accepts.
    expect(schema.required ?? []).not.toContain('version');
    expect(schema.properties.version).toMatchObject({ const: 1, default: 1 });
    expect(schema.properties.version.description).toMatch(
      /Left out, the file is read as version 1 with a warning/,
    );
    const node = (schema.properties.nodes.items.oneOf ?? schema.properties.nodes.items.anyOf)[0];
    expect(node.required).toEqual(['id', 'kind']);
    expect(schema.$defs.EdgeParams.properties.batchSize.default).toBeUndefined();
  });

  it('gives edge defaults, per connection where they differ (facts: SQS 10, Kinesis and DynamoDB streams 100; Pipes from streams 1)', () => {
    const p = schema.$defs.EdgeParams.properties;
    expect(p.perRequest.default).toBe(1);
    expect(p.batchWindowSeconds.default).toBe(0);
    expect(p.maximumRetryAttempts.default).toBe(-1);
    expect(p.maximumRecordAgeSeconds.default).toBe(-1);
    expect(p.batchSize.defaultsByConnection).toEqual({
      'queue → function': 10,
      'queue → container': 10,
      'stream → function': 100,
      'table → function': 100,
      'queue → pipe': 10,
      'stream → pipe': 1,
      'table → pipe': 1,
    });
    expect(p.batchSize.description).not.toMatch(/default 10;/);
    expect(p.batchSize.description).toMatch(/stream → function 100/);
  });

  it('states maximumRecordAgeSeconds as -1 or 60–604,800 s, never as a ±9e15 range', () => {
    const age = schema.$defs.EdgeParams.properties.maximumRecordAgeSeconds;
    expect(age.anyOf).toEqual([{ const: -1 }, { type: 'integer', minimum: 60, maximum: 604800 }]);
    expect(age.minimum).toBeUndefined();
    expect(JSON.stringify(schema)).not.toContain('9007199254740991');
  });

  it('is written to a file as JSON', () => {
    const path = writeJsonSchema(join(mkdtempSync(join(tmpdir(), 'schema-')), 'scenario.schema.json'));
    const written = JSON.parse(readFileSync(path, 'utf8'));
    expect(written).toEqual(JSON.parse(JSON.stringify(schema)));
    for (const kind of NODE_KINDS) expect(JSON.stringify(written)).toContain(`"const":"${kind}"`);
  });
});
