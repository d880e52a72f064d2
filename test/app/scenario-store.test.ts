import { beforeEach, describe, expect, it } from 'vitest';
import { createScenarioStore, type ScenarioStore } from '../../src/app/store/scenario';
import { emptyScenario } from '../../src/app/store/scenario-doc';

let store: ScenarioStore;
const s = () => store.getState();
const history = () => store.temporal.getState();

beforeEach(() => {
  store = createScenarioStore(emptyScenario('Test'));
});

describe('scenario store', () => {
  it('adds nodes with readable unique ids, labels and snapped positions', () => {
    const a = s().addNode('function', { x: 13, y: 29 });
    const b = s().addNode('function', { x: 200, y: 0 });
    expect([a, b]).toEqual(['function', 'function-2']);
    expect(s().doc.nodes.map((n) => n.label)).toEqual(['Lambda function', 'Lambda function 2']);
    expect(s().doc.nodes[0].position).toEqual({ x: 20, y: 20 });
    expect(s().doc.nodes[0].params).toEqual({});
  });

  it('connects what AWS allows and refuses the rest with a reason', () => {
    const p = s().addNode('producer', { x: 0, y: 0 });
    const api = s().addNode('apiGateway', { x: 200, y: 0 });
    const f = s().addNode('function', { x: 400, y: 0 });
    expect(s().connect(p, api)).toMatchObject({ ok: true });
    expect(s().connect(api, f)).toMatchObject({ ok: true });
    const refused = s().connect(p, f);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toMatch(/producer cannot hand work to a Lambda function/);
    const dup = s().connect(p, api);
    expect(dup.ok).toBe(false);
    expect(s().doc.edges).toHaveLength(2);
  });

  it('deletes a node together with its edges in one undo step', () => {
    const p = s().addNode('producer', { x: 0, y: 0 });
    const api = s().addNode('apiGateway', { x: 200, y: 0 });
    s().connect(p, api);
    const before = history().pastStates.length;
    s().remove([api], []);
    expect(s().doc.nodes.map((n) => n.id)).toEqual([p]);
    expect(s().doc.edges).toEqual([]);
    expect(history().pastStates.length).toBe(before + 1);
    history().undo();
    expect(s().doc.nodes).toHaveLength(2);
    expect(s().doc.edges).toHaveLength(1);
  });

  it('undoes and redoes edits, and a move that does not move is no step', () => {
    const f = s().addNode('function', { x: 0, y: 0 });
    s().setParams(f, { memoryMB: 512 });
    s().moveNodes({ [f]: { x: 0, y: 0 } });
    expect(history().pastStates).toHaveLength(2);
    history().undo();
    expect(s().doc.nodes[0].params).toEqual({});
    history().undo();
    expect(s().doc.nodes).toHaveLength(0);
    history().redo();
    history().redo();
    expect(s().doc.nodes[0].params).toEqual({ memoryMB: 512 });
  });

  it('gives a queue-to-queue edge the DLQ role, and pastes copies with fresh ids', () => {
    const q = s().addNode('queue', { x: 0, y: 0 });
    const dlq = s().addNode('queue', { x: 200, y: 0 });
    expect(s().connect(q, dlq).ok).toBe(false); // invoke is not allowed between queues
    const r = s().connect(q, dlq, 'dlq');
    expect(r.ok).toBe(true);
    const { nodeIds, edgeIds } = s().paste({ nodes: s().doc.nodes, edges: s().doc.edges }, { x: 40, y: 40 });
    expect(nodeIds).toEqual(['queue-3', 'queue-4']);
    expect(edgeIds).toHaveLength(1);
    expect(s().doc.edges[1]).toMatchObject({ source: 'queue-3', target: 'queue-4', role: 'dlq' });
  });

  it('settings patches set and remove keys', () => {
    s().setSettings({ seed: 7, durationSeconds: 60 });
    s().setSettings({ seed: undefined });
    expect(s().doc.settings).toEqual({ durationSeconds: 60 });
  });
});

describe('an S3 bucket notifies one destination [S3-FILTER]', () => {
  it('refuses a second notification while drawing, naming both targets by label and saying to fan out through SNS', () => {
    const store = createScenarioStore();
    const s = store.getState();
    const bucket = s.addNode('bucket', { x: 0, y: 0 });
    const a = s.addNode('function', { x: 200, y: 0 });
    const b = s.addNode('function', { x: 200, y: 200 });
    expect(store.getState().connect(bucket, a).ok).toBe(true);
    const r = store.getState().connect(bucket, b);
    expect(r.ok).toBe(false);
    const labels = store.getState().doc.nodes.map((n) => n.label);
    if (!r.ok) {
      expect(r.reason).toBe(
        `Bucket ${labels[0]} already notifies ${labels[1]}, and one S3 event type can have only one destination. To reach ${labels[2]} too, let the bucket notify an SNS topic and subscribe both to it.`,
      );
      expect(r.reason).not.toMatch(/EventBridge|edges\[/);
    }
  });
});
