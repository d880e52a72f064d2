import { useEffect, useRef, useState } from 'react';
import { useStoreApi } from '@xyflow/react';
import { Dialog } from '../ui/Dialog';
import { countersOf, titleOf } from './export-labels';
import {
  exportGif,
  exportWebm,
  exportWebmRecorded,
  frameTimes,
  videoEncoding,
  saveBlob,
  type ExportChoice,
} from './export-replay';
import { Handout } from './Handout';
import { clockText } from './playback';
import type { ReplayData } from './replay-data';
import { sceneOf } from './scene';
import { useClassroom } from './store';

/** More frames than this would take minutes and hundreds of MB: the dialog says what to change. */
export const MAX_FRAMES = 1500;

const SIZES = [
  { label: '640 × 360', w: 640, h: 360 },
  { label: '960 × 540', w: 960, h: 540 },
  { label: '1280 × 720', w: 1280, h: 720 },
  { label: '1920 × 1080', w: 1920, h: 1080 },
];

/** "Take it to slides and paper": the replay of a time window as a video or a GIF, and the handout. */
export function ExportDialog({ data, onClose }: { data: ReplayData; onClose(): void }) {
  const store = useStoreApi();
  const endS = data.replay.durationMs / 1000;
  const nowS = useClassroom.getState().timeMs / 1000;
  const [from, setFrom] = useState(() => String(round1(Math.min(nowS, Math.max(0, endS - 1)))));
  const [to, setTo] = useState(() =>
    String(round1(Math.min(endS, nowS + 10 * useClassroom.getState().speed))),
  );
  const [speed, setSpeed] = useState(() => String(useClassroom.getState().speed));
  const [fps, setFps] = useState('10');
  const [size, setSize] = useState('1');
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** How the video is made here: undefined while asking the browser, null when it cannot. */
  const [video, setVideo] = useState<'webcodecs' | 'recorder' | null | undefined>(undefined);
  const [handout, setHandout] = useState(false);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    void videoEncoding().then(setVideo);
    return () => abort.current?.abort();
  }, []);

  /** The choice, or an error naming the field and the fix. */
  const choice = (): ExportChoice | string => {
    const f = Number(from);
    const t = Number(to);
    const sp = Number(speed);
    const r = Number(fps);
    const sz = SIZES[Number(size)] ?? SIZES[1];
    if (!Number.isFinite(f) || f < 0 || f > endS) return `From: give a time between 0 and ${round1(endS)} s.`;
    if (!Number.isFinite(t) || t <= f || t > endS)
      return `To: give a time after From and at most ${round1(endS)} s.`;
    if (!(sp > 0) || sp > 1000)
      return 'Speed: give simulated seconds per second, more than 0 and at most 1,000.';
    if (!Number.isInteger(r) || r < 1 || r > 30)
      return 'Frames per second: give a whole number from 1 to 30.';
    const c = { fromMs: f * 1000, toMs: t * 1000, speed: sp, fps: r, width: sz.w, height: sz.h };
    const n = frameTimes(c).length;
    if (n > MAX_FRAMES)
      return `That is ${n.toLocaleString('en-US')} frames, more than ${MAX_FRAMES.toLocaleString('en-US')}: shorten From–To, raise the speed or lower the frames per second.`;
    return c;
  };

  const run = async (kind: 'webm' | 'gif') => {
    const c = choice();
    if (typeof c === 'string') {
      setError(c);
      return;
    }
    setError(null);
    setBusy(kind);
    const ctl = new AbortController();
    abort.current = ctl;
    try {
      const s = store.getState();
      const scene = sceneOf(s.nodeLookup, s.edgeLookup as Map<string, { source: string; target: string }>);
      const job = {
        data,
        scene,
        choice: c,
        text: { title: titleOf(data), counters: countersOf() },
        signal: ctl.signal,
        onProgress: (done: number, total: number) => setProgress(`Frame ${done} of ${total}`),
      };
      const out =
        kind === 'gif'
          ? await exportGif(job)
          : video === 'recorder'
            ? await exportWebmRecorded(job)
            : await exportWebm(job);
      const name = `replay-${Math.round(c.fromMs / 1000)}s-${Math.round(c.toMs / 1000)}s.${kind}`;
      saveBlob(out.blob, name);
      setProgress(
        `Saved ${name}: ${out.frames} frames, ${(out.frames / c.fps).toFixed(1)} s, ${kb(out.blob.size)}.`,
      );
    } catch (e) {
      if ((e as { name?: string }).name === 'AbortError') setProgress('Cancelled.');
      else setError(`The export failed: ${(e as Error).message ?? String(e)}`);
    } finally {
      setBusy(null);
      abort.current = null;
    }
  };

  if (handout) return <Handout data={data} onClose={() => setHandout(false)} />;

  const c = choice();
  const frames = typeof c === 'string' ? null : frameTimes(c).length;
  return (
    <Dialog title="Export the replay" onClose={onClose}>
      <form className="export-form" onSubmit={(e) => e.preventDefault()}>
        <p className="muted">
          A video or an animated GIF of the replay between two moments, drawn at the replay&apos;s times (not
          recorded from the screen): the diagram, the moving requests, what is inside the nodes, the clock and
          the counters.
        </p>
        <div className="export-form__grid">
          <label>
            From (s)
            <input
              className="input"
              inputMode="decimal"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          </label>
          <label>
            To (s)
            <input className="input" inputMode="decimal" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <label>
            Speed (simulated s per s)
            <input
              className="input"
              inputMode="decimal"
              value={speed}
              onChange={(e) => setSpeed(e.target.value)}
            />
          </label>
          <label>
            Frames per second
            <input
              className="input"
              inputMode="numeric"
              value={fps}
              onChange={(e) => setFps(e.target.value)}
            />
          </label>
          <label>
            Size
            <select className="input" value={size} onChange={(e) => setSize(e.target.value)}>
              {SIZES.map((s, i) => (
                <option key={s.label} value={String(i)}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="muted" data-testid="export-summary">
          {frames !== null && typeof c !== 'string'
            ? `${frames} frames: ${clockText(c.fromMs)} to ${clockText(c.toMs)} plays in ${(frames / c.fps).toFixed(1)} s.`
            : ''}
        </p>
        {error ? (
          <p className="export-form__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="export-form__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy !== null || !video}
            onClick={() => void run('webm')}
          >
            Save WebM video
          </button>
          <button type="button" className="button" disabled={busy !== null} onClick={() => void run('gif')}>
            Save GIF
          </button>
          {busy ? (
            <button type="button" className="button" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          ) : null}
          <button type="button" className="button" disabled={busy !== null} onClick={() => setHandout(true)}>
            Handout for printing…
          </button>
        </div>
        {video === null ? (
          <p className="muted" data-testid="video-how">
            This browser can neither encode video (no WebCodecs VP8 encoder) nor record a canvas (no
            MediaRecorder): the GIF works everywhere.
          </p>
        ) : video === 'recorder' ? (
          <p className="muted" data-testid="video-how">
            This browser has no WebCodecs video encoder: the video is recorded from the frames one by one
            (MediaRecorder), which is slower than encoding them; each frame still lasts exactly 1/fps s of the
            file.
          </p>
        ) : null}
        <p className="muted" role="status" data-testid="export-progress">
          {progress}
        </p>
      </form>
    </Dialog>
  );
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function kb(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} KB`;
}
