import { describe, expect, it } from 'vitest';
import { errorsOf } from '../scenario/build';
import { doc, findings, fixed, only } from './helpers';
import { validateScenario } from '../../../src/engine/scenario/validate';

const service = (params: Record<string, unknown>) =>
  doc(
    [
      { id: 'p', kind: 'producer' },
      { id: 'lb', kind: 'loadBalancer' },
      { id: 'c', kind: 'container', label: 'Render service', params },
    ],
    [
      { source: 'p', target: 'lb' },
      { source: 'lb', target: 'c' },
    ],
  );

describe('container-fit: a task must fit one instance of the chosen type', () => {
  it('refuses a 2 vCPU / 8 GB task on t3.medium (4 GB), naming the service and the cheapest type that holds it', () => {
    const d = service({ launchType: 'ec2', instanceType: 't3.medium', vcpu: 2, memoryGB: 8 });
    const f = only(d, 'container-fit');
    expect(f.severity).toBe('error');
    // The rule's source is ECS's placement rule, not the price list the sizes come from.
    expect(f.source?.url).toBe(
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/capacity-tasksize.html',
    );
    expect(f.message).toBe(
      'Render service: a task needs 2 vCPU, 8 GB memory, but one t3.medium instance has 2 vCPU and 4 GB, so no task could ever be placed and the service would never serve. Choose m7g.large (2 vCPU, 8 GB, 0.0816 USD/h, arm64: the image must be built for it) or smaller tasks.',
    );
    expect(errorsOf(d)).toEqual([`nodes[2] (node "c"): ${f.message}`]);
    // The fix sets the type; the document then runs.
    const after = fixed(d, f);
    expect(after.nodes[2].params).toMatchObject({ instanceType: 'm7g.large' });
    expect(validateScenario(after).ok).toBe(true);
  });

  it('on EKS it says node; a task larger than every listed type offers no fix', () => {
    const d = service({ launchType: 'eks', instanceType: 'm5.xlarge', vcpu: 8, memoryGB: 16 });
    const f = only(d, 'container-fit');
    expect(f.message).toMatch(
      /^Render service: a task needs 8 vCPU, 16 GB memory, but one m5\.xlarge node has 4 vCPU and 16 GB/,
    );
    expect(f.message).toMatch(/No listed instance type is big enough: choose smaller tasks, or Fargate\.$/);
    expect(f.fix).toBeUndefined();
  });

  it('says nothing for Fargate, nor for a task that fits exactly', () => {
    expect(findings(service({ vcpu: 2, memoryGB: 8 }), 'container-fit')).toEqual([]);
    expect(
      findings(
        service({ launchType: 'ec2', instanceType: 'm5.large', vcpu: 2, memoryGB: 8 }),
        'container-fit',
      ),
    ).toEqual([]);
  });
});

describe('container params by launch type', () => {
  it('Fargate task sizes apply to Fargate only: 1 vCPU / 1 GB is refused there, accepted on EC2', () => {
    expect(errorsOf(service({ vcpu: 1, memoryGB: 1 }))).toEqual([
      'nodes[2].params.memoryGB (node "c"): 1 — must be 2–8 GB in 1 GB steps for 1 vCPU (Fargate task sizes)',
    ]);
    expect(validateScenario(service({ launchType: 'ec2', vcpu: 1, memoryGB: 1 })).ok).toBe(true);
  });

  it('a launch type or instance type that does not exist names the choices', () => {
    expect(errorsOf(service({ launchType: 'lambda' }))).toEqual([
      'nodes[2].params.launchType (node "c"): "lambda" — must be one of: fargate, ec2, eks',
    ]);
    expect(errorsOf(service({ launchType: 'eks', instanceType: 'm9.huge' }))[0]).toMatch(
      /^nodes\[2\]\.params\.instanceType \(node "c"\): "m9\.huge" — must be one of: t3\.micro, /,
    );
    expect(errorsOf(service({ launchType: 'eks', cluster: '' }))).toEqual([
      'nodes[2].params.cluster (node "c"): "" — must not be empty',
    ]);
  });
});
