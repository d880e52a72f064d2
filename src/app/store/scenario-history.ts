import { useStore } from 'zustand';
import { useScenarioStore } from './scenario';

/** Undo/redo for the scenario document, with whether each is possible (for the buttons). */
export function useScenarioHistory() {
  const canUndo = useStore(useScenarioStore.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(useScenarioStore.temporal, (s) => s.futureStates.length > 0);
  const { undo, redo } = useScenarioStore.temporal.getState();
  return { canUndo, canRedo, undo: () => undo(), redo: () => redo() };
}

/** Replace the document without an undo step (restoring saved work is not an edit). */
export function replaceWithoutHistory(doc: unknown) {
  useScenarioStore.getState().load(doc);
  useScenarioStore.temporal.getState().clear();
}
