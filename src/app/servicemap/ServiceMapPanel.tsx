import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { Network, Workflow } from 'lucide-react';
import { clockText } from '../classroom/playback';
import type { ReplayData } from '../classroom/replay-data';
import { useClassroom } from '../classroom/store';
import { useRunStore } from '../store/run';
import { serviceMapAt } from './map-at';
import { OUTCOME_CLASSES, ServiceMapSvg } from './ServiceMapSvg';
import { useServiceMap } from './servicemap-store';
import './servicemap.css';
import { pressed } from '../shortcuts/keymap';

/**
 * Presentation mode's service map: the diagram as X-Ray draws it, at the replay's time t, in
 * place of the canvas (the clock, the counters and the replay bar stay above it). Each node's
 * rate, mean and p95 latency and outcome ring, and each connection's rate, are those of the
 * last 10 s of simulated time before t, so they move as the replay plays.
 */
export function ClassroomServiceMap({ data }: { data: ReplayData }) {
  const t = useClassroom((s) => s.shownMs);
  const scenario = useRunStore((s) => s.resultScenario ?? s.scenario);
  const map = useMemo(() => serviceMapAt(data, scenario, t), [data, scenario, t]);
  const window = `${map.measuredSeconds.toLocaleString('en-US', { maximumFractionDigits: 1 })} s`;
  const ref = useRef<HTMLElement>(null);
  const room = useRoomBesideHud(ref);
  return (
    <section
      ref={ref}
      className="classroom-servicemap"
      data-testid="classroom-service-map"
      aria-label={`Service map at t = ${clockText(t)}`}
      style={{ paddingTop: room.top, paddingBottom: room.bottom }}
    >
      <header className="classroom-servicemap__header">
        <h2>Service map</h2>
        <p data-testid="classroom-service-map-window">
          At t = {clockText(t)}: the last {window}
          {data.scale === 1 ? '' : ' (≈, scaled from sampled requests)'}
        </p>
        <ul className="servicemap-legend" aria-label="Ring colours">
          {OUTCOME_CLASSES.map((c) => (
            <li key={c.key}>
              <span className="servicemap-swatch" style={{ background: c.color }} aria-hidden="true" />
              {c.label}
            </li>
          ))}
        </ul>
      </header>
      <ServiceMapSvg map={map} selected={null} font={30} label={`Service map at t = ${clockText(t)}`} />
    </section>
  );
}

/**
 * The map's room: under the band of the big clock and counters (across the top, presentation.css)
 * and above the replay bar, as they are drawn at this window size. The band spans the screen's
 * width, so the map takes the whole width between them (measured with the band's right edge,
 * it was squeezed into the strip right of the band, its nodes drawn over each other).
 */
function useRoomBesideHud(ref: RefObject<HTMLElement | null>) {
  const [room, setRoom] = useState({ top: 16, bottom: 16 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const flow = el.closest('.react-flow') ?? document;
    const hud = flow.querySelector('.present-hud');
    const bar = flow.querySelector('.classroom-panel--bottom');
    const measure = () => {
      const box = el.getBoundingClientRect();
      const h = hud?.getBoundingClientRect();
      const b = bar?.getBoundingClientRect();
      setRoom({
        top: h ? Math.max(16, Math.round(h.bottom - box.top + 12)) : 16,
        bottom: b ? Math.max(16, Math.round(box.bottom - b.top + 16)) : 16,
      });
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    if (hud) ro.observe(hud);
    if (bar) ro.observe(bar);
    return () => ro.disconnect();
  }, [ref]);
  return room;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  // A slider or a checkbox takes no letters: M still works with the timeline focused.
  if (el.tagName === 'INPUT')
    return !['range', 'checkbox', 'radio', 'button'].includes((el as HTMLInputElement).type);
  return el.isContentEditable || ['TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** The presentation HUD's switch between the diagram and the service map at t (also the M key). */
export function ServiceMapToggle() {
  const on = useServiceMap((s) => s.panel);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (!pressed('serviceMap', e)) return;
      e.preventDefault();
      const s = useServiceMap.getState();
      s.setPanel(!s.panel);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <button
      type="button"
      className="button present-hud__map"
      aria-pressed={on}
      onClick={() => useServiceMap.getState().setPanel(!on)}
    >
      {on ? <Workflow size={16} aria-hidden="true" /> : <Network size={16} aria-hidden="true" />}
      {on ? ' Show the diagram (M)' : ' Show the service map (M)'}
    </button>
  );
}
