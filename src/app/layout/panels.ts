import { create } from 'zustand';

/**
 * The workspace's side panels and the results drawer: open or folded, and how big. Kept in
 * this browser's storage, so each person's arrangement comes back. The defaults are chosen
 * so the canvas gets at least 70 % of a 1440×900 window before a run: the palette starts as a
 * rail of icons below 1800 px, and the results drawer stays shut until there are results.
 */
export interface PanelState {
  /** 'full': names and search; 'rail': icons only (each with its name as a tooltip). */
  palette: 'full' | 'rail';
  paletteWidth: number;
  inspectorOpen: boolean;
  inspectorWidth: number;
  /** Whether the results drawer is open; it has nothing to show before the first run. */
  resultsOpen: boolean;
  resultsHeight: number;
  setPalette(mode: 'full' | 'rail'): void;
  setPaletteWidth(w: number): void;
  setInspectorOpen(open: boolean): void;
  setInspectorWidth(w: number): void;
  setResultsOpen(open: boolean): void;
  setResultsHeight(h: number): void;
}

const KEY = 'sim.panels';

export const PANEL_LIMITS = {
  palette: { min: 170, max: 360 },
  inspector: { min: 260, max: 560 },
  results: { min: 140 },
  /** The canvas keeps at least this much height when the results drawer is open. */
  keepForCanvas: 260,
} as const;

export const RAIL_WIDTH = 56;
export const FOLDED_INSPECTOR_WIDTH = 44;

const clampTo = (v: number, min: number, max: number) => Math.round(Math.min(max, Math.max(min, v)));

type Stored = Pick<
  PanelState,
  'palette' | 'paletteWidth' | 'inspectorOpen' | 'inspectorWidth' | 'resultsOpen' | 'resultsHeight'
>;

function defaults(): Stored {
  const w = typeof window === 'undefined' ? 1440 : window.innerWidth;
  const h = typeof window === 'undefined' ? 900 : window.innerHeight;
  return {
    palette: w >= 1800 ? 'full' : 'rail',
    paletteWidth: w >= 1800 ? 250 : 220,
    inspectorOpen: true,
    // About a fifth of the width: 288 px at 1440, 336 at 1920.
    inspectorWidth: clampTo(w * 0.2, PANEL_LIMITS.inspector.min, 336),
    resultsOpen: false,
    // A bit over a third of the height: the outcome bar and the key figures show, and the
    // diagram keeps room to be read (its fitted zoom decides whether its text is legible).
    resultsHeight: Math.round(h * 0.36),
  };
}

function load(): Stored {
  const base = defaults();
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Stored>;
    return {
      palette: raw.palette === 'full' || raw.palette === 'rail' ? raw.palette : base.palette,
      paletteWidth: typeof raw.paletteWidth === 'number' ? raw.paletteWidth : base.paletteWidth,
      inspectorOpen: typeof raw.inspectorOpen === 'boolean' ? raw.inspectorOpen : base.inspectorOpen,
      inspectorWidth: typeof raw.inspectorWidth === 'number' ? raw.inspectorWidth : base.inspectorWidth,
      // The drawer always starts shut: a reload has no results to show in it.
      resultsOpen: false,
      resultsHeight: typeof raw.resultsHeight === 'number' ? raw.resultsHeight : base.resultsHeight,
    };
  } catch {
    return base;
  }
}

export function maxResultsHeight(): number {
  return Math.max(PANEL_LIMITS.results.min, window.innerHeight - PANEL_LIMITS.keepForCanvas);
}

export const clampResults = (h: number) => clampTo(h, PANEL_LIMITS.results.min, maxResultsHeight());

export const usePanels = create<PanelState>()((set) => ({
  ...load(),
  setPalette: (palette) => set({ palette }),
  setPaletteWidth: (w) =>
    set({ paletteWidth: clampTo(w, PANEL_LIMITS.palette.min, PANEL_LIMITS.palette.max) }),
  setInspectorOpen: (inspectorOpen) => set({ inspectorOpen }),
  setInspectorWidth: (w) =>
    set({ inspectorWidth: clampTo(w, PANEL_LIMITS.inspector.min, PANEL_LIMITS.inspector.max) }),
  setResultsOpen: (resultsOpen) => set({ resultsOpen }),
  setResultsHeight: (h) => set({ resultsHeight: clampResults(h) }),
}));

usePanels.subscribe((s) => {
  const keep: Stored = {
    palette: s.palette,
    paletteWidth: s.paletteWidth,
    inspectorOpen: s.inspectorOpen,
    inspectorWidth: s.inspectorWidth,
    resultsOpen: s.resultsOpen,
    resultsHeight: s.resultsHeight,
  };
  try {
    localStorage.setItem(KEY, JSON.stringify(keep));
  } catch {
    /* private mode: the arrangement is simply not remembered */
  }
});
