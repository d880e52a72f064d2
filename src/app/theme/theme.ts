import { create } from 'zustand';

export type Theme = 'light' | 'dark';
const KEY = 'serverless-sim.theme';

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // Storage may be blocked (private mode): fall back to the system's preference.
  }
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

function apply(theme: Theme) {
  if (typeof document !== 'undefined') {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }
}

interface ThemeState {
  theme: Theme;
  toggle(): void;
}

/** Light or dark, remembered per browser; the whole UI reads CSS variables keyed on data-theme. */
export const useTheme = create<ThemeState>()((set, get) => {
  const theme = initialTheme();
  apply(theme);
  return {
    theme,
    toggle: () => {
      const next: Theme = get().theme === 'dark' ? 'light' : 'dark';
      apply(next);
      try {
        localStorage.setItem(KEY, next);
      } catch {
        // Not remembered, but still applied.
      }
      set({ theme: next });
    },
  };
});
