import { useMemo } from 'react';
import { useClassroom, type ClassroomState } from './store';

/**
 * Text derived from the playhead as React shows it (shownMs), for a component that should
 * render again only when that text changes. While playing the store changes on every frame
 * (the canvas's timeMs moves) and zustand asks every selector each time: `derive` runs only
 * when shownMs has moved (a few times a second), and the component renders only when what it
 * returns differs from the last time (a clock at 0.1× keeps its text for several catch-ups).
 * Pass a `derive` that is stable between renders (module-level, or useCallback).
 */
export function useShownText(derive: (t: number) => string): string {
  const select = useMemo(() => shownSelector(derive), [derive]);
  return useClassroom(select);
}

/** The selector useShownText subscribes with: `derive` at shownMs, recomputed only when shownMs moves. */
export function shownSelector(derive: (t: number) => string): (s: ClassroomState) => string {
  let at = NaN;
  let text = '';
  return (s) => {
    if (s.shownMs !== at) {
      at = s.shownMs;
      text = derive(at);
    }
    return text;
  };
}
