import { create } from 'zustand';

/**
 * Whether the service map is open, and the node whose traces it lists; and whether
 * presentation mode shows the map at t in place of the diagram (`panel`).
 */
export const useServiceMap = create<{
  open: boolean;
  node: string | null;
  panel: boolean;
  openMap(): void;
  close(): void;
  select(node: string | null): void;
  setPanel(on: boolean): void;
}>()((set) => ({
  open: false,
  node: null,
  panel: false,
  setPanel: (panel) => set({ panel }),
  openMap: () => set({ open: true }),
  close: () => set({ open: false, node: null }),
  select: (node) => set({ node }),
}));
