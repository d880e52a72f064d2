import { Crosshair, X } from 'lucide-react';
import { useLayoutEffect, useState } from 'react';
import { coldInitAt } from './internals';
import { clockText } from './playback';
import type { ReplayData } from './replay-data';
import { useClassroom } from './store';
import { fmtMs } from './TracePicker';
import { layoutWaterfall, ticksThatFit, type Waterfall } from './waterfall';

/** Room a time label needs on the axis, in its own font sizes ("1,200 ms" is about 4.5). */
const TICK_GAP_EM = 6;

/** The selected request as a waterfall: each hop's start and duration, its cold start, waits, retries and outcome. */
export function TraceWaterfall({
  data,
  trace,
  followable = true,
}: {
  data: ReplayData;
  trace: number;
  /** Offer "follow this request" (only where the replay runs: not in the service map). */
  followable?: boolean;
}) {
  const following = useClassroom((s) => s.following) && followable;
  const t = useClassroom((s) => s.shownMs);
  const [axisEl, setAxisEl] = useState<HTMLDivElement | null>(null);
  const axis = useAxisRoom(axisEl);
  if (!data.replay.traces[trace]) return null;
  const full = layoutWaterfall(
    data.replay,
    trace,
    (id) => data.labels.get(id) ?? id,
    (node, t) => coldInitAt(data.internals, node, t),
  );
  // Followed: the waterfall grows with the replay's time (hops not yet begun are not shown).
  const wf = following ? grownTo(full, t) : full;
  const now = following ? Math.min(1, Math.max(0, (t - full.startMs) / full.totalMs)) : null;
  const pct = (x: number) => `${(x * 100).toFixed(3)}%`;
  return (
    <section className="waterfall" aria-label={`Request #${wf.traceId}`} data-testid="trace-waterfall">
      <header className="waterfall__head">
        <h2>
          Request #{wf.traceId} <span className="muted">at {clockText(wf.startMs)}</span>
        </h2>
        <span className={`waterfall__outcome waterfall__outcome--${wf.outcome}`}>
          {wf.outcome === 'completed' ? '✓' : '⚠'} {outcomeText(wf.outcome)} in {fmtMs(wf.totalMs)}
        </span>
        {followable ? (
          <button
            type="button"
            className="icon-button"
            aria-label="Follow this request"
            aria-pressed={following}
            title="The view follows this request hop by hop"
            onClick={() => useClassroom.getState().follow(following ? null : trace)}
          >
            <Crosshair size={18} aria-hidden="true" />
          </button>
        ) : null}
        <button
          type="button"
          className="icon-button"
          aria-label="Close the request"
          onClick={() => useClassroom.getState().selectTrace(null)}
        >
          <X size={18} aria-hidden="true" />
        </button>
      </header>
      <div className="waterfall__row waterfall__row--axis" aria-hidden="true">
        <span />
        <div className="waterfall__axis" ref={setAxisEl}>
          {ticksThatFit(wf.ticks, wf.totalMs, axis.width, TICK_GAP_EM * axis.fontPx).map((t) => (
            <span key={t} style={{ left: pct(t / wf.totalMs) }}>
              {t === 0 ? '0' : fmtMs(t)}
            </span>
          ))}
        </div>
        <span />
      </div>
      <ol className="waterfall__rows">
        {wf.rows.map((r, i) => (
          <li key={i} className="waterfall__row" data-ok={r.ok} data-cold={r.cold} data-node={r.node}>
            <div className="waterfall__name" style={{ paddingLeft: `${r.depth * 0.9}rem` }}>
              {r.label}
              {r.retry > 0 ? <span className="waterfall__tag">retry {r.retry}</span> : null}
            </div>
            <div className="waterfall__track">
              {now !== null ? (
                <div className="waterfall__now" style={{ left: pct(now) }} aria-hidden="true" />
              ) : null}
              {r.waitW > 0 ? (
                <div
                  className="waterfall__wait"
                  style={{ left: pct(r.waitX), width: pct(r.waitW) }}
                  title={`Waiting ${fmtMs(r.waitMs)}`}
                />
              ) : null}
              <div
                className={`waterfall__bar${r.ok ? '' : ' is-failed'}`}
                style={{ left: pct(r.x), width: `max(2px, ${pct(r.w)})` }}
              >
                {r.cold ? (
                  <div
                    className="waterfall__cold"
                    data-testid="cold-segment"
                    style={{
                      width: r.initW !== undefined && r.w > 0 ? pct(Math.min(1, r.initW / r.w)) : '100%',
                    }}
                    title={r.initMs !== undefined ? `Cold start (INIT) ${fmtMs(r.initMs)}` : 'Cold start'}
                  />
                ) : null}
              </div>
            </div>
            <div className="waterfall__facts">
              {fmtMs(r.durationMs)}
              {r.cold ? (
                <span className="waterfall__tag waterfall__tag--cold">
                  cold start{r.initMs !== undefined ? ` ${fmtMs(r.initMs)}` : ''}
                </span>
              ) : null}
              {r.waitMs > 0 ? <span className="waterfall__tag">waited {fmtMs(r.waitMs)}</span> : null}
              <span className={`waterfall__tag${r.ok ? '' : ' waterfall__tag--bad'}`}>
                {r.ok ? '' : '⚠ '}
                {r.outcome}
              </span>
            </div>
          </li>
        ))}
      </ol>
      {wf.rows.length === 0 ? <p className="muted">No hop of this request was recorded.</p> : null}
    </section>
  );
}

/** The time axis's width and font size, kept up to date as its panel is resized. */
function useAxisRoom(el: HTMLElement | null) {
  const [room, setRoom] = useState({ width: 0, fontPx: 12 });
  useLayoutEffect(() => {
    if (!el) return;
    const measure = () => {
      const fontPx = parseFloat(getComputedStyle(el).fontSize) || 12;
      const width = el.clientWidth;
      setRoom((r) => (r.width === width && r.fontPx === fontPx ? r : { width, fontPx }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return room;
}

function outcomeText(o: string): string {
  return o === 'deadLettered' ? 'dead-lettered' : o === 'inFlight' ? 'still in flight at the end' : o;
}

/** The waterfall as far as time t: rows begun by t, bars cut at t. */
function grownTo(wf: Waterfall, t: number): Waterfall {
  const at = (t - wf.startMs) / wf.totalMs;
  const rows = wf.rows
    .filter((r) => r.x <= at + 1e-9)
    .map((r) =>
      r.x + r.w <= at
        ? r
        : { ...r, w: Math.max(0, at - r.x), initW: r.initW && Math.min(r.initW, Math.max(0, at - r.x)) },
    );
  return { ...wf, rows };
}
