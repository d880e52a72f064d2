import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';
import { nodeFiguresAt } from '../../src/app/classroom/at-time';
import { replayData } from '../../src/app/classroom/replay-data';
import { classroomRunOptions } from '../../src/app/classroom/run-options';

/**
 * The replay's counts at t read what each kind's catalog says (MetricInfo.atT): a load
 * balancer's refusals (its hops that ended 503) are its `throttled`, not its errors, and a
 * server's 503s are its `rejected`, each equal to the run's that ends at t.
 */
describe('counts at t follow the catalogs', () => {
  it('a load balancer in front of a full server: refused (503) at t, errors apart, rejected at the server', () => {
    const doc = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../src/templates/compare-monolith.json'), 'utf8'),
    );
    const app = doc.nodes.find((n: { id: string }) => n.id === 'app');
    // One instance that holds 2 waiting requests: most of the traffic is refused.
    app.params.instances = { min: 1, max: 1 };
    app.params.queueLimit = 2;
    doc.settings.durationSeconds = 40;
    doc.settings.warmupSeconds = 0;
    const data = replayData(simulate(doc, classroomRunOptions(doc)), doc);
    let refused = 0;
    for (const t of [11.3, 23.9, 35.2]) {
      const truth = simulate(doc, { durationSeconds: t }).nodes;
      const alb = nodeFiguresAt(data, 'alb', 'loadBalancer', t * 1000)!.values;
      const server = nodeFiguresAt(data, 'app', 'server', t * 1000)!.values;
      const m = (id: string) => truth[id].metrics as unknown as Record<string, number>;
      expect(alb.throttled, `alb refused at ${t} s`).toBe(m('alb').throttled);
      expect(alb.errors, `alb errors at ${t} s`).toBe(m('alb').errors);
      expect(alb.requests).toBe(m('alb').requests);
      expect(server.rejected, `server rejected at ${t} s`).toBe(m('app').rejected);
      refused = alb.throttled;
    }
    expect(refused, 'the case refuses requests').toBeGreaterThan(10);
  });
});
