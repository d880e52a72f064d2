import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';
import { load, m, runOf } from './lesson-claims-runs';
import { ECS, line, node, OBS, S3EB, SERVICE_CLAIMS } from './lesson-numbers-services';

describe('the numbers of the service templates (S3 → EventBridge, logs and traces, ECS on EC2)', () => {
  for (const c of SERVICE_CLAIMS) {
    it(`${c.template}: "${c.says.length > 90 ? `${c.says.slice(0, 90)}…` : c.says}"`, () => {
      expect(JSON.stringify(load(c.template))).toContain(JSON.stringify(c.says).slice(1, -1));
      c.check();
    }, 240_000);
  }

  it('the Trys that change no number: on Fargate no request waits for an instance; a custom bus is refused', () => {
    const fargate = runOf(ECS, 'fargate', (d) => (node(d, 'web').params.launchType = 'fargate'));
    expect(m(fargate, 'web').rejected).toBeLessThan(m(runOf(ECS), 'web').rejected);
    const d = load(S3EB);
    node(d, 'bus').params.busType = 'custom';
    expect(() => simulate(d)).toThrow(/S3 sends its events only to the account's default bus/);
  });

  it('each rule gets what its pattern matches; the audit queue gets every event; a trace is billed by the API alone', () => {
    const r = runOf(S3EB);
    expect(m(r, 'thumbs').invocations).toBe(m(r, 'photos').eventBridgeEvents);
    expect(m(r, 'confirm').invocations).toBe(m(r, 'orders').requests);
    expect(m(r, 'audit').sent).toBe(m(r, 'bus').putEvents);
    expect(line(runOf(OBS), 'handler', 'X-Ray traces recorded').quantity).toBe(0);
  });
});
