import { create } from 'zustand';

/** Whether the service map is open, and the node whose traces it lists. */
export const useServiceMap = create<{
  open: boolean;
  node: string | null;
  openMap(): void;
  close(): void;
  select(node: string | null): void;
}>()((set) => ({
  open: false,
  node: null,
  openMap: () => set({ open: true }),
  close: () => set({ open: false, node: null }),
  select: (node) => set({ node }),
}));
