import { useCallback, useMemo } from 'react';
import { X } from 'lucide-react';
import { ServiceMapToggle } from '../servicemap/ServiceMapPanel';
import type { Lesson } from '../../engine/scenario/schema';
import { approxReason } from './at-time';
import { counterAtT, counterText, type CounterValue } from './counters';
import { clockText } from './playback';
import type { ReplayData } from './replay-data';
import { useClassroom } from './store';
import { useShownText } from './use-shown';

/**
 * Presentation mode: a big clock and the lesson's three big counters, in one band across the
 * top (the diagram is fitted below it, so every pixel of its height is the diagram's).
 */
export function PresentHud({ data, lesson }: { data: ReplayData; lesson: Lesson | null }) {
  // The band itself does not follow the playhead: its clock and counters render on their own,
  // and only when their text changes.
  return (
    <div className="present-hud" data-testid="present-hud">
      <HudClock />
      <HudCounters data={data} lesson={lesson} />
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

function HudClock() {
  const clock = useShownText(clockText);
  return (
    <div className="present-hud__clock" aria-label="Simulated time">
      <span className="present-hud__t">t =</span> {clock}
    </div>
  );
}

/** One counter as shown: its words and its figure as text. */
interface ShownCounter {
  path: string;
  label: string;
  /** Not counted at t: why (the figure is then "—"). */
  notAtT?: string;
  approx?: boolean;
  figure: string;
  /** The figure rounded: a new value re-mounts the figure (its CSS highlight plays again). */
  key: number;
}

function shown(c: CounterValue): ShownCounter {
  return {
    path: c.path,
    label: c.label,
    notAtT: c.notAtT,
    approx: c.approx,
    figure: counterText(c),
    key: c.notAtT ? -1 : Math.round(c.value),
  };
}

function HudCounters({ data, lesson }: { data: ReplayData; lesson: Lesson | null }) {
  const paths = useMemo(
    () =>
      (lesson?.counters.length
        ? lesson.counters
        : ['totals.requests', 'totals.completed', 'totals.failed']
      ).slice(0, 3),
    [lesson],
  );
  const derive = useCallback(
    (t: number) => JSON.stringify(paths.map((p) => shown(counterAtT(data, p, t)))),
    [data, paths],
  );
  const counters = JSON.parse(useShownText(derive)) as ShownCounter[];
  return (
    <ul className="present-hud__counters">
      {counters.map((c) => (
        <li
          key={c.path}
          className="present-hud__counter"
          title={c.notAtT ?? (c.approx ? approxReason(data.scale) : 'So far, counted exactly')}
          data-path={c.path}
        >
          <span className="present-hud__value" key={c.key}>
            {c.figure}
          </span>
          <span className="present-hud__label">
            {c.label}
            {c.notAtT ? ' (not counted at t)' : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
