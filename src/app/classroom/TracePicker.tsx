import { clockText } from './playback';
import type { ReplayData } from './replay-data';
import { useClassroom } from './store';

/** Pick a sampled request from a list (the keyboard way to what clicking a dot does). */
export function TracePicker({ data }: { data: ReplayData }) {
  const selected = useClassroom((s) => s.selectedTrace);
  const traces = data.replay.traces;
  const shown = traces.slice(0, 500);
  return (
    <label className="playback__traces">
      <span className="visually-hidden">Open a request</span>
      <select
        className="input"
        aria-label="Open a request"
        title={`${traces.length.toLocaleString('en-US')} sampled requests: pick one to follow it`}
        value={selected === null ? '' : String(selected)}
        onChange={(e) => {
          const v = e.target.value;
          const c = useClassroom.getState();
          if (v === '') {
            c.selectTrace(null);
            return;
          }
          const i = Number(v);
          c.setPlaying(false);
          c.selectTrace(i);
          // Go to where it starts, so its dot is on the canvas.
          c.seek(traces[i].startMs);
        }}
      >
        {/* Short enough for the replay bar at 1366 px; the tooltip says they are sampled. */}
        <option value="">Requests ({traces.length.toLocaleString('en-US')})…</option>
        {shown.map((t, i) => {
          const [a, b] = data.replay.visitsOf[i];
          const vs = data.replay.visits.slice(a, b);
          const flags = [
            vs.some((v) => v.cold) ? 'cold' : '',
            vs.some((v) => v.retry > 0) ? 'retry' : '',
            t.outcome !== 'completed' ? t.outcome : '',
          ].filter(Boolean);
          return (
            <option key={t.id} value={String(i)}>
              #{t.id} at {clockText(t.startMs)} · {fmtMs(t.endMs - t.startMs)}
              {flags.length ? ` · ${flags.join(', ')}` : ''}
            </option>
          );
        })}
      </select>
    </label>
  );
}

export function fmtMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return clockText(ms);
}
