import { useClassroom } from '../../classroom/store';
import { fmtClock } from '../format';

/**
 * Where the classroom's replay is, on a chart over time: a vertical line at the playhead.
 * Only this element follows the playhead (a few times a second while playing), as HTML over
 * the chart, so the chart itself is never redrawn for it.
 */
export function ReplayCursor({
  span,
  left,
  right,
  top,
  bottom,
}: {
  /** Seconds the x axis spans from 0. */
  span: number;
  /** The plot area in the chart's pixels. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}) {
  const seconds = useClassroom((s) => (s.open ? s.shownMs / 1000 : null));
  if (seconds === null || !(span > 0) || right <= left) return null;
  const x = left + (Math.min(Math.max(seconds, 0), span) / span) * (right - left);
  return (
    <div
      className="chart-cursor"
      data-seconds={seconds}
      style={{ left: x, top, height: Math.max(0, bottom - top) }}
      role="presentation"
      title={`Replay at ${fmtClock(seconds, span)}`}
    >
      <span className="chart-cursor-label">{fmtClock(seconds, span)}</span>
    </div>
  );
}
