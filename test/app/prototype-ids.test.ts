import { describe, expect, it } from 'vitest';
import { toFlowNodes } from '../../src/app/canvas/to-flow';
import { serviceMapOf } from '../../src/app/servicemap/map-data';
import { simulate } from '../../src/engine/simulate';
import { createScenarioStore } from '../../src/app/store/scenario';
import { normalizeDoc } from '../../src/app/store/scenario-doc';

/** A document whose node ids are Object.prototype member names, parsed from JSON as a file would be. */
const doc = () =>
  normalizeDoc(
    JSON.parse(
      JSON.stringify({
        format: 'serverless-sim.scenario',
        version: 1,
        name: 'ids',
        settings: {},
        nodes: ['__proto__', 'toString', 'constructor'].map((id, i) => ({
          id,
          kind: 'function',
          label: id,
          position: { x: i * 100, y: 50 },
          params: {},
        })),
        edges: [],
      }),
    ),
  );

describe('node ids named after Object.prototype members in the editor', () => {
  it('the canvas places each node at its own position, not at an inherited member', () => {
    const nodes = toFlowNodes(doc(), new Set(), {}, {});
    expect(nodes.map((n) => n.position)).toEqual([
      { x: 0, y: 50 },
      { x: 100, y: 50 },
      { x: 200, y: 50 },
    ]);
    expect(nodes.map((n) => n.measured)).toEqual([undefined, undefined, undefined]);
  });

  it('moving a node called "__proto__" or "toString" moves that node only', () => {
    const store = createScenarioStore(doc());
    const positions = JSON.parse('{"__proto__":{"x":7,"y":8}}') as Record<string, { x: number; y: number }>;
    store.getState().moveNodes(positions);
    expect(store.getState().doc.nodes.map((n) => n.position)).toEqual([
      { x: 7, y: 8 },
      { x: 100, y: 50 },
      { x: 200, y: 50 },
    ]);
  });
});

describe('the service map of a run whose ids are Object.prototype member names', () => {
  it('has every node at its own position and every edge with its own count, after a structured clone', () => {
    const ids = ['__proto__', 'toString', 'constructor'];
    const doc = JSON.parse(
      JSON.stringify({
        format: 'serverless-sim.scenario',
        version: 1,
        name: 'ids',
        settings: { durationSeconds: 120 },
        nodes: [
          { id: 'tick', kind: 'schedule', params: { rateSeconds: 60 }, position: { x: 0, y: 0 } },
          ...ids.map((id, i) => ({ id, kind: 'function', position: { x: 300, y: 100 * (i + 1) } })),
        ],
        edges: ids.map((id, i) => ({
          id: ['__proto__', 'valueOf', 'hasOwnProperty'][i],
          source: 'tick',
          target: id,
        })),
      }),
    );
    // The result crosses the worker boundary by structured clone, as in the app.
    const result = structuredClone(simulate(doc));
    const map = serviceMapOf(result, doc);
    expect(map.nodes.map((n) => [n.id, n.y, n.count])).toEqual([
      ['tick', 0, 2],
      ['__proto__', 100, 2],
      ['toString', 200, 2],
      ['constructor', 300, 2],
    ]);
    expect(map.edges.map((e) => [e.id, e.target, e.passed])).toEqual([
      ['__proto__', '__proto__', 2],
      ['valueOf', 'toString', 2],
      ['hasOwnProperty', 'constructor', 2],
    ]);
  });
});
