import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createScenarioStore,
  endFieldEdit,
  setEditClock,
  type ScenarioStore,
} from '../../src/app/store/scenario';
import { emptyScenario } from '../../src/app/store/scenario-doc';

let store: ScenarioStore;
let now = 0;
const s = () => store.getState();
const undo = () => store.temporal.getState().undo();

beforeEach(() => {
  store = createScenarioStore(emptyScenario('Test'));
  now = 1_000_000;
  setEditClock(() => now);
  endFieldEdit();
});
afterEach(() => setEditClock(() => Date.now()));

/** Types `text` into a params field one character at a time, 150 ms apart (a person typing). */
function typeMemory(id: string, text: string) {
  for (let i = 1; i <= text.length; i++) {
    now += 150;
    s().setParams(id, { ...s().doc.nodes[0].params, memoryMB: Number(text.slice(0, i)) });
  }
}

describe('undo records committed field edits, not keystrokes', () => {
  it('typing 2048 into Memory then undo gives back what was there before, not 204', () => {
    const f = s().addNode('function', { x: 0, y: 0 });
    now += 5_000;
    typeMemory(f, '2048');
    expect(s().doc.nodes[0].params.memoryMB).toBe(2048);
    undo();
    expect(s().doc.nodes[0].params.memoryMB).toBeUndefined();
    // One more undo removes the node: the typing was exactly one step.
    undo();
    expect(s().doc.nodes).toHaveLength(0);
  });

  it('leaving the field ends the step: two visits, two steps', () => {
    const f = s().addNode('function', { x: 0, y: 0 });
    typeMemory(f, '256');
    endFieldEdit();
    typeMemory(f, '1024');
    undo();
    expect(s().doc.nodes[0].params.memoryMB).toBe(256);
    undo();
    expect(s().doc.nodes[0].params.memoryMB).toBeUndefined();
  });

  it('a pause ends the step, and another field starts its own', () => {
    const f = s().addNode('function', { x: 0, y: 0 });
    typeMemory(f, '512');
    now += 5_000;
    typeMemory(f, '768');
    now += 100;
    s().setParams(f, { ...s().doc.nodes[0].params, timeoutSeconds: 30 });
    undo();
    expect(s().doc.nodes[0].params).toEqual({ memoryMB: 768 });
    undo();
    expect(s().doc.nodes[0].params).toEqual({ memoryMB: 512 });
  });

  it('renaming the scenario letter by letter is one step', () => {
    for (const name of ['C', 'Ch', 'Che', 'Chec', 'Check']) {
      now += 100;
      s().rename(name);
    }
    undo();
    expect(s().doc.name).toBe('Test');
  });
});
