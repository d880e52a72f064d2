import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/engine/scenario/validate';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

async function cli(
  script: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(join(root, 'node_modules/.bin/tsx'), [join(root, script), ...args], {
      cwd: root,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Events:
        Poll: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn, BatchSize: 5 } }
  Role:
    Type: AWS::IAM::Role
`;

describe('npm run import', () => {
  it('writes the scenario with --out and prints the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sam-import-'));
    writeFileSync(join(dir, 'template.yaml'), TEMPLATE);
    const out = join(dir, 'scenario.json');
    const r = await cli('src/cli/import.ts', join(dir, 'template.yaml'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Worker (function)');
    expect(r.stdout).toContain('Jobs → Worker');
    expect(r.stdout).toContain('IAM: permissions are not simulated');
    expect(r.stdout).toContain('traffic-Jobs → Jobs: 1 requests/s');
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(validateScenario(doc).ok).toBe(true);
    expect(doc.edges.find((e: { source: string }) => e.source === 'Jobs').params).toEqual({ batchSize: 5 });
  }, 30_000);

  it('exits 2 with the line and the reason on unreadable input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sam-import-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Nope x\n',
    );
    const r = await cli('src/cli/import.ts', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:5: cannot be imported:`);
    const missing = await cli('src/cli/import.ts', join(dir, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
  }, 30_000);
});
