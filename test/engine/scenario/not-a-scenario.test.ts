import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, validateScenario } from '../../../src/engine/scenario/validate';

const errors = (doc: unknown) => {
  const r = validateScenario(doc);
  return r.ok ? [] : r.errors.map(formatIssue);
};

describe('a JSON file that is not a scenario is told so, with what a scenario looks like', () => {
  const shape =
    /a scenario file is a JSON object such as \{"format": "serverless-sim\.scenario", "version": 1, "nodes": \[/;

  it('{"hello":1}: one message naming its fields, not "version: must be 1"', () => {
    const e = errors({ hello: 1 });
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/^this is not a scenario file: it has no "nodes" \(its fields: "hello"\)/);
    expect(e[0]).toMatch(shape);
    expect(e[0]).not.toMatch(/must be 1/);
  });

  it('a list, a number, text', () => {
    expect(errors([1, 2])[0]).toMatch(/^this is not a scenario file: it holds a list; /);
    expect(errors(42)[0]).toMatch(/^this is not a scenario file: it holds a number; /);
    expect(errors('nodes')[0]).toMatch(/^this is not a scenario file: it holds text; /);
    expect(errors([1, 2])[0]).toMatch(shape);
  });

  it("the project's own package.json", () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8'));
    const e = errors(pkg);
    expect(e).toEqual([
      expect.stringMatching(/^this is not a scenario file: it has no "nodes" \(its fields: "name", /),
    ]);
  });

  it('a CloudFormation template in JSON points to Import', () => {
    const e = errors({ AWSTemplateFormatVersion: '2010-09-09', Resources: {} });
    expect(e[0]).toMatch(/looks like an AWS SAM or CloudFormation template: the app's Import reads those/);
  });

  it('a broken scenario is still a scenario: the schema names its fields', () => {
    expect(errors({ nodes: 'x' })).toEqual(['nodes: "x" — must be a list of nodes']);
    expect(errors({ format: 'serverless-sim.result', version: 1 })[0]).toMatch(/this is a result file/);
  });

  it('a prototype-named key alone does not pass for a scenario', () => {
    expect(errors(JSON.parse('{"__proto__": {"nodes": []}}'))[0]).toMatch(/^this is not a scenario file/);
  });
});
