import { create } from 'zustand';

/**
 * What is selected on the canvas: view state, deliberately outside the undoable document so
 * clicking around never fills the undo history.
 */
export interface SelectionState {
  nodeIds: string[];
  edgeIds: string[];
  select(nodeIds: string[], edgeIds: string[]): void;
  clear(): void;
}

export const useSelectionStore = create<SelectionState>()((set) => ({
  nodeIds: [],
  edgeIds: [],
  select: (nodeIds, edgeIds) => set({ nodeIds, edgeIds }),
  clear: () => set({ nodeIds: [], edgeIds: [] }),
}));
