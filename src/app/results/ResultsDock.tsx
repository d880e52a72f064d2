import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { ResultsPanel } from './ResultsPanel';

const HEIGHT_KEY = 'sim.results.height';
const COLLAPSED_KEY = 'sim.results.collapsed';
const MIN = 140;
/** The canvas keeps at least this much of the window. */
const KEEP_FOR_EDITOR = 260;
const STEP = 24;
const BIG_STEP = 120;

function maxHeight(): number {
  return Math.max(MIN, window.innerHeight - KEEP_FOR_EDITOR);
}

function clamp(h: number): number {
  return Math.round(Math.min(maxHeight(), Math.max(MIN, h)));
}

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* private mode: the size is simply not remembered */
  }
}

/**
 * The results panel under the workspace: resizable by dragging or with the keyboard on its
 * top edge (a separator: arrows, Page Up/Down, Home/End), and collapsible to its header.
 * Both are remembered in this browser.
 */
export function ResultsDock() {
  const [height, setHeight] = useState(() => {
    const h = Number(stored(HEIGHT_KEY));
    return clamp(Number.isFinite(h) && h > 0 ? h : window.innerHeight * 0.4);
  });
  const [collapsed, setCollapsed] = useState(() => stored(COLLAPSED_KEY) === '1');
  const drag = useRef<{ startY: number; startH: number } | null>(null);

  useEffect(() => store(HEIGHT_KEY, String(height)), [height]);
  useEffect(() => store(COLLAPSED_KEY, collapsed ? '1' : '0'), [collapsed]);
  // A smaller window must not leave the panel taller than the room there is.
  useEffect(() => {
    const onResize = () => setHeight((h) => clamp(h));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const toggle = useCallback(() => setCollapsed((c) => !c), []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const by = (d: number) => {
      e.preventDefault();
      setCollapsed(false);
      setHeight((h) => clamp(h + d));
    };
    if (e.key === 'ArrowUp') by(STEP);
    else if (e.key === 'ArrowDown') by(-STEP);
    else if (e.key === 'PageUp') by(BIG_STEP);
    else if (e.key === 'PageDown') by(-BIG_STEP);
    else if (e.key === 'Home') by(-Infinity);
    else if (e.key === 'End') by(Infinity);
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      toggle();
    }
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { startY: e.clientY, startH: collapsed ? MIN : height };
    setCollapsed(false);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d) setHeight(clamp(d.startH + (d.startY - e.clientY)));
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  return (
    <div
      className={`results-slot${collapsed ? ' is-collapsed' : ''}`}
      style={collapsed ? undefined : { height }}
    >
      <div
        className="results-splitter"
        role="separator"
        aria-orientation="horizontal"
        aria-label="Resize the results panel"
        aria-controls="results-panel"
        aria-valuemin={MIN}
        aria-valuemax={maxHeight()}
        aria-valuenow={collapsed ? 0 : height}
        aria-valuetext={collapsed ? 'collapsed' : `${height} pixels high`}
        title="Drag, or focus and use the arrow keys, to resize; Enter collapses or expands"
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onDoubleClick={toggle}
      />
      <ResultsPanel collapsed={collapsed} onToggleCollapsed={toggle} />
    </div>
  );
}
