import type { ScenarioInput } from '../../src/engine/scenario/schema';

/** API Gateway → Lambda at a steady rate: the workload the targets in the README refer to. */
export function apiFunctionScenario(ratePerSecond: number, durationSeconds: number): ScenarioInput {
  return {
    format: 'serverless-sim.scenario',
    version: 1,
    name: `API → function, ${ratePerSecond} req/s`,
    settings: { durationSeconds, seed: 7 },
    nodes: [
      {
        id: 'clients',
        kind: 'producer',
        label: 'Clients',
        position: { x: 0, y: 0 },
        params: { traffic: { shape: 'poisson', ratePerSecond } },
      },
      { id: 'api', kind: 'apiGateway', label: 'API', position: { x: 200, y: 0 }, params: { flavor: 'http' } },
      {
        id: 'fn',
        kind: 'function',
        label: 'Function',
        position: { x: 400, y: 0 },
        params: { memoryMB: 512, duration: { dist: 'lognormal', meanMs: 80, p99Ms: 300 } },
      },
    ],
    edges: [
      { id: 'e1', source: 'clients', target: 'api', params: {} },
      { id: 'e2', source: 'api', target: 'fn', params: {} },
    ],
  } as ScenarioInput;
}
