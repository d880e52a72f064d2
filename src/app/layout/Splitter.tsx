import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { pressed } from '../shortcuts/keymap';

const STEP = 24;
const BIG_STEP = 120;

/**
 * A panel's resizable edge (a WAI-ARIA window splitter): drag it, or focus it and use the arrow
 * keys, Page Up/Down, Home/End; Enter folds or unfolds the panel. `grow` says which way of
 * moving the pointer makes the panel bigger (+1: right or down, -1: left or up).
 */
export function Splitter({
  orientation,
  size,
  min,
  max,
  grow,
  label,
  controls,
  onResize,
  onToggle,
}: {
  /** 'vertical': a left/right edge between columns; 'horizontal': a top edge. */
  orientation: 'vertical' | 'horizontal';
  size: number;
  min: number;
  max: number;
  grow: 1 | -1;
  label: string;
  controls: string;
  onResize(size: number): void;
  onToggle?(): void;
}) {
  const drag = useRef<{ start: number; size: number } | null>(null);
  const coord = (e: PointerEvent) => (orientation === 'vertical' ? e.clientX : e.clientY);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const less = orientation === 'vertical' ? (grow > 0 ? 'ArrowLeft' : 'ArrowRight') : 'ArrowDown';
    const more = orientation === 'vertical' ? (grow > 0 ? 'ArrowRight' : 'ArrowLeft') : 'ArrowUp';
    const by = (d: number) => {
      e.preventDefault();
      onResize(Math.min(max, Math.max(min, size + d)));
    };
    // The panel-edge keys of the keymap (shortcuts/keymap.ts); arrows act by the edge's direction.
    const steps: Record<string, number> = {
      [more]: STEP,
      [less]: -STEP,
      PageUp: BIG_STEP,
      PageDown: -BIG_STEP,
      Home: -Infinity,
      End: Infinity,
    };
    const step = pressed('resizePanel', e) ? steps[e.key] : undefined;
    if (step !== undefined) by(step);
    else if (pressed('foldPanel', e) && onToggle) {
      e.preventDefault();
      onToggle();
    }
  };
  return (
    <div
      className={`splitter splitter--${orientation}`}
      role="separator"
      aria-orientation={orientation === 'vertical' ? 'vertical' : 'horizontal'}
      aria-label={label}
      aria-controls={controls}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={Math.round(size)}
      aria-valuetext={`${Math.round(size)} pixels`}
      title={`${label}: drag, or focus and use the arrow keys${onToggle ? '; Enter folds it' : ''}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { start: coord(e), size };
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (d) onResize(Math.min(max, Math.max(min, d.size + grow * (coord(e) - d.start))));
      }}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
      onDoubleClick={onToggle}
    />
  );
}
