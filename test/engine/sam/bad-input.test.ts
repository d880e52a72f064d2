import { describe, expect, it } from 'vitest';
import { importTemplate } from '../../../src/engine/sam/import';

function refused(text: string) {
  const r = importTemplate(text, 'bad.yaml');
  if (r.ok) throw new Error('expected the import to be refused');
  return r;
}

/** Bad input: a clear message (with the line when there is one), quickly, and never an exception. */
describe('SAM import: bad input', () => {
  it('YAML that is not a template says what is missing', () => {
    const r = refused('name: my app\nversion: 3\nservices: [web, db]\n');
    expect(r.reason).toBe(
      'not a CloudFormation or SAM template: it has no Resources section (top-level keys: name, version, services)',
    );
  });

  it('a scenario file is recognised and sent the right way', () => {
    expect(refused('{"format": "serverless-sim.scenario", "version": 1}').reason).toContain(
      'simulator scenario',
    );
  });

  it('broken YAML gives the line', () => {
    const r = refused('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n   Properties: {\n');
    expect(r.line).toBeGreaterThanOrEqual(3);
    expect(r.reason).toMatch(/^not valid YAML/);
  });

  it('an unknown short-form tag gives the line and the tags CloudFormation knows', () => {
    const r = refused(
      'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Reff Foo\n',
    );
    expect(r.line).toBe(5);
    expect(r.reason).toContain('!Reff');
    expect(r.reason).toContain('!GetAtt');
  });

  it('a cycle of DependsOn is named, as CloudFormation would refuse it', () => {
    const r = refused(`
Resources:
  A: { Type: AWS::SQS::Queue, DependsOn: B }
  B: { Type: AWS::SQS::Queue, DependsOn: [C] }
  C: { Type: AWS::SQS::Queue, DependsOn: A }
`);
    expect(r.reason).toBe(
      'DependsOn forms a cycle: A → B → C → A; CloudFormation refuses such a template (circular dependency)',
    );
  });

  it('a 5 MB template is refused by size before it is parsed', () => {
    const line = '  # ' + 'x'.repeat(95) + '\n';
    const big = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n' + line.repeat(50_000);
    expect(big.length).toBeGreaterThan(5_000_000);
    const r = refused(big);
    expect(r.reason).toContain('the file is 5.0 MB; CloudFormation accepts templates of at most 1 MB');
  });

  it('a YAML bomb (aliases expanding exponentially) is refused, not expanded', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = `${levels.join('\n')}\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: { Tags: *j }\n`;
    const r = refused(bomb);
    expect(r.reason).toContain('expands its aliases');
  });

  it('more than 500 resources is refused with the quota', () => {
    const res = Array.from({ length: 501 }, (_, i) => `  Q${i}: { Type: AWS::SQS::Queue }`).join('\n');
    expect(refused(`Resources:\n${res}\n`).reason).toBe(
      'the template declares 501 resources; CloudFormation allows at most 500 per template',
    );
  });

  it('a resource without a Type is named', () => {
    expect(refused('Resources:\n  Q:\n    Properties: {}\n').reason).toBe(
      'Resources.Q has no Type: every resource needs "Type: AWS::…"',
    );
  });

  it('a JSON template imports like its YAML twin; broken JSON is refused', () => {
    const r = importTemplate(
      JSON.stringify({
        Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 45 } } },
      }),
      't.json',
    );
    expect(r.ok && r.doc.nodes[0].params).toEqual({ visibilityTimeoutSeconds: 45 });
    expect(refused('{"Resources": {"Q": }').ok).toBe(false);
  });

  it('an unknown resource type, a Ref to nothing and an ImportValue are reported, not dropped', () => {
    const r = importTemplate(
      `
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !ImportValue shared-name
      VisibilityTimeout: !Ref Nowhere
  Thing:
    Type: Custom::Widget
`,
      'x.yaml',
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.report.notMapped).toEqual([
      { logicalId: 'Thing', type: 'Custom::Widget', reason: 'no simulator kind for this type' },
    ]);
    expect(r.report.warnings.join('\n')).toContain('Fn::ImportValue shared-name comes from another stack');
    expect(r.report.warnings.join('\n')).toContain('Ref Nowhere names neither a parameter nor a resource');
  });
});
