import { beforeAll, describe, expect, it, vi } from 'vitest';

/** IndexedDB as a plain map: what the session writes is what a reload would read. */
const stored = new Map<string, unknown>();
vi.mock('idb-keyval', () => ({
  get: async (k: string) => structuredClone(stored.get(k)),
  set: async (k: string, v: unknown) => void stored.set(k, structuredClone(v)),
  del: async (k: string) => void stored.delete(k),
  update: async (k: string, fn: (old: unknown) => unknown) =>
    void stored.set(k, structuredClone(fn(structuredClone(stored.get(k))))),
}));

const { startSession, flush, useSession, WORK_KEY, LESSON_KEY } =
  await import('../../src/app/persistence/session');
const { startLesson, backToMyDiagram } = await import('../../src/app/classroom/lesson-document');
const { useClassroom } = await import('../../src/app/classroom/store');
const { useScenarioStore } = await import('../../src/app/store/scenario');
const { useSelectionStore } = await import('../../src/app/store/scenario-selection');
const { setEngineClientFactory, useRunStore } = await import('../../src/app/store/run');
const { inProcessEngineClient } = await import('./helpers/in-process-engine');

/** React Flow's view, as the lesson code sees it. */
function fakeView(viewport = { x: 0, y: 0, zoom: 1 }) {
  const rf = {
    viewport,
    getViewport: () => rf.viewport,
    setViewport: vi.fn(async (v: { x: number; y: number; zoom: number }) => {
      rf.viewport = v;
      return true;
    }),
  };
  return rf;
}

const settle = async () => {
  await new Promise((r) => setTimeout(r, 0));
  await flush();
};

describe('a lesson is its own document', () => {
  beforeAll(async () => {
    setEngineClientFactory(inProcessEngineClient);
    await startSession();
  });

  it('starting a lesson leaves the work saved as it was; back brings the diagram, its undo, selection, run and view', async () => {
    const store = useScenarioStore.getState();
    store.rename('My own diagram');
    const queue = store.addNode('queue', { x: 400, y: 300 });
    await settle();
    useSelectionStore.getState().select([queue], []);
    await useRunStore.getState().run(useScenarioStore.getState().doc, { traceSampleRate: 0 });
    const mine = useScenarioStore.getState().doc;
    const myRun = useRunStore.getState().result;
    const undoSteps = useScenarioStore.temporal.getState().pastStates.length;
    expect(undoSteps).toBeGreaterThanOrEqual(2);
    const rf = fakeView({ x: -120, y: 45, zoom: 0.75 });

    expect(await startLesson('cold-starts-keep-alive', rf)).toBe(true);
    expect(useSession.getState().mode).toBe('lesson');
    expect(useScenarioStore.getState().doc.name).toBe('Cold starts and keep-alive');
    expect(useClassroom.getState().lessonOpen).toBe(true);
    // The lesson's diagram has its own (empty) history: undo cannot reach the person's work.
    expect(useScenarioStore.temporal.getState().pastStates).toHaveLength(0);
    expect(useSelectionStore.getState().nodeIds).toEqual([]);

    // Edits in the lesson are saved apart; the work in storage is untouched.
    useScenarioStore.getState().addNode('topic', { x: 0, y: 400 });
    await settle();
    expect((stored.get(WORK_KEY) as { name: string; nodes: unknown[] }).name).toBe('My own diagram');
    expect((stored.get(WORK_KEY) as { nodes: unknown[] }).nodes).toHaveLength(mine.nodes.length);
    const lesson = stored.get(LESSON_KEY) as { templateId: string; doc: { nodes: { kind: string }[] } };
    expect(lesson.templateId).toBe('cold-starts-keep-alive');
    expect(lesson.doc.nodes.some((n) => n.kind === 'topic')).toBe(true);

    rf.viewport = { x: 300, y: 300, zoom: 2 }; // the lesson's own view
    await backToMyDiagram(rf);
    expect(useSession.getState().mode).toBe('work');
    expect(useScenarioStore.getState().doc).toBe(mine);
    expect(useScenarioStore.temporal.getState().pastStates).toHaveLength(undoSteps);
    expect(useSelectionStore.getState().nodeIds).toEqual([queue]);
    expect(useRunStore.getState().result).toBe(myRun);
    expect(rf.setViewport).toHaveBeenLastCalledWith({ x: -120, y: 45, zoom: 0.75 });
    expect(useClassroom.getState().lessonOpen).toBe(false);
    expect(stored.has(LESSON_KEY)).toBe(false);

    // Undo still walks back through the person's own edits.
    useScenarioStore.temporal.getState().undo();
    expect(useScenarioStore.getState().doc.nodes.some((n) => n.id === queue)).toBe(false);
    useScenarioStore.temporal.getState().redo();
    expect(useScenarioStore.getState().doc.nodes.some((n) => n.id === queue)).toBe(true);
  });

  it('two lessons in a row still go back to the person’s diagram, not the first lesson', async () => {
    const mine = useScenarioStore.getState().doc;
    const rf = fakeView();
    await startLesson('api-function', rf);
    await startLesson('fan-out', rf);
    expect(useScenarioStore.getState().doc.name).toMatch(/fan-out/i);
    expect((stored.get(LESSON_KEY) as { templateId: string }).templateId).toBe('fan-out');
    await backToMyDiagram(rf);
    expect(useScenarioStore.getState().doc).toBe(mine);
  });

  it('a template without a lesson is not opened as one', async () => {
    const mine = useScenarioStore.getState().doc;
    expect(await startLesson('no-such-template', fakeView())).toBe(false);
    expect(useScenarioStore.getState().doc).toBe(mine);
    expect(useSession.getState().mode).toBe('work');
  });
});
