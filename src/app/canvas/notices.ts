import { create } from 'zustand';

/**
 * Short messages shown over the canvas: a refused connection's reason, "pasted 3 nodes".
 * Each goes away by itself (or with its close button); assertive ones are for refusals.
 */
export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'refused';
}

interface NoticeState {
  notices: Notice[];
  show(text: string, tone?: Notice['tone']): void;
  dismiss(id: number): void;
}

let next = 1;
const LIFETIME_MS = 7000;

export const useNotices = create<NoticeState>()((set, get) => ({
  notices: [],
  show: (text, tone = 'info') => {
    const id = next++;
    // One message at a time: a new one replaces the last, so messages never pile up on the diagram.
    set({ notices: [{ id, text, tone }] });
    setTimeout(() => get().dismiss(id), LIFETIME_MS);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
