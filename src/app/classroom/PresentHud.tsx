import { X } from 'lucide-react';
import { ServiceMapToggle } from '../servicemap/ServiceMapPanel';
import type { Lesson } from '../../engine/scenario/schema';
import { counterAtT } from './counters';
import { clockText } from './playback';
import type { ReplayData } from './replay-data';
import { useClassroom } from './store';

/**
 * Presentation mode: a big clock and the lesson's three big counters, in one band across the
 * top (the diagram is fitted below it, so every pixel of its height is the diagram's).
 */
export function PresentHud({ data, lesson }: { data: ReplayData; lesson: Lesson | null }) {
  const timeMs = useClassroom((s) => s.shownMs);
  const paths = lesson?.counters.length
    ? lesson.counters
    : ['totals.requests', 'totals.completed', 'totals.failed'];
  const counters = paths.slice(0, 3).map((p) => counterAtT(data, p, timeMs));
  return (
    <div className="present-hud" data-testid="present-hud">
      <div className="present-hud__clock" aria-label="Simulated time">
        <span className="present-hud__t">t =</span> {clockText(timeMs)}
      </div>
      <ul className="present-hud__counters">
        {counters.map((c) => (
          <li
            key={c.path}
            className="present-hud__counter"
            title={c.atEnd ? 'For the whole run (no time series for this one)' : 'So far'}
          >
            <span className="present-hud__value" key={Math.round(c.value)}>
              {c.approx ? '≈ ' : ''}
              {c.value.toLocaleString('en-US', { maximumFractionDigits: c.value < 10 ? 2 : 0 })}
            </span>
            <span className="present-hud__label">
              {c.label}
              {c.atEnd ? ' (whole run)' : ''}
            </span>
          </li>
        ))}
      </ul>
      <div className="present-hud__actions">
        <ServiceMapToggle />
        <button
          type="button"
          className="button present-hud__exit"
          onClick={() => useClassroom.getState().setPresenting(false)}
        >
          <X size={16} aria-hidden="true" /> Exit presentation (P)
        </button>
      </div>
    </div>
  );
}
