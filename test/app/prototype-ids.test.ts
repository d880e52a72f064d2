import { describe, expect, it } from 'vitest';
import { toFlowNodes } from '../../src/app/canvas/to-flow';
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
