import { useState } from 'react';
import { Clapperboard, Link2, MonitorSmartphone, Pause, Play, SkipBack, SkipForward, X } from 'lucide-react';
import { useNotices } from '../canvas/notices';
import { useScenarioStore } from '../store/scenario';
import { scrub, stepBack, stepForward, setSpeed, togglePlay, keepSpeed } from './controller';
import { ExportDialog } from './ExportDialog';
import { Legend } from './Legend';
import { clockText } from './playback';
import type { ReplayData } from './replay-data';
import { momentUrl } from './share-moment';
import { openPresenterWindow } from './presenter-link';
import { SPEEDS, useClassroom } from './store';
import { TracePicker } from './TracePicker';
import { useShownText } from './use-shown';
import { recordCapText } from '../../engine/sim/recorder';

/** Play, pause, step, speed, the timeline and a large clock, with the legend of the dots. */
export function PlaybackBar({ data }: { data: ReplayData }) {
  // Not the playhead: the bar (its buttons, the request list, the legend) stays put while the
  // clock and the timeline below catch up with the playhead a few times a second.
  const playing = useClassroom((s) => s.playing);
  const speed = useClassroom((s) => s.speed);
  const end = data.replay.durationMs;
  const [exporting, setExporting] = useState(false);

  const share = async () => {
    const c = useClassroom.getState();
    const url = momentUrl(useScenarioStore.getState().doc, {
      timeMs: c.timeMs,
      lesson: c.lessonOpen,
      speed: c.speed,
    });
    try {
      await navigator.clipboard.writeText(url);
      useNotices.getState().show(`Link copied: it opens this scenario at t = ${clockText(c.timeMs)}.`);
    } catch {
      window.prompt('Copy this link:', url);
    }
  };

  return (
    <div className="playback" role="group" aria-label="Replay">
      <div className="playback__row">
        <button
          type="button"
          className="icon-button"
          aria-label="Step back"
          title="Previous moment (←)"
          onClick={stepBack}
        >
          <SkipBack size={20} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-button playback__play"
          aria-label={playing ? 'Pause' : 'Play'}
          title="Play / pause (Space)"
          onClick={togglePlay}
        >
          {playing ? <Pause size={22} aria-hidden="true" /> : <Play size={22} aria-hidden="true" />}
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Step forward"
          title="Next moment (→)"
          onClick={stepForward}
        >
          <SkipForward size={20} aria-hidden="true" />
        </button>
        <PlaybackClock />
        <label className="playback__speed">
          <span className="visually-hidden">Speed</span>
          <select
            className="input"
            aria-label="Speed"
            value={String(speed)}
            onChange={(e) => {
              keepSpeed();
              setSpeed(Number(e.target.value));
            }}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={String(s)}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <TracePicker data={data} />
        <button
          type="button"
          className="icon-button"
          aria-label="Copy a link to this moment"
          title="Copy a link to this moment"
          onClick={() => void share()}
        >
          <Link2 size={20} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Export the replay"
          title="Export the replay: a video or GIF for slides, a handout for paper"
          onClick={() => {
            useClassroom.getState().setPlaying(false);
            setExporting(true);
          }}
        >
          <Clapperboard size={20} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Open presenter view"
          title="Open presenter view: questions, answers, notes and controls in a second window"
          onClick={openPresenterWindow}
        >
          <MonitorSmartphone size={20} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Close the replay"
          title="Close the replay"
          onClick={() => useClassroom.getState().setOpen(false)}
        >
          <X size={20} aria-hidden="true" />
        </button>
      </div>
      <div className="playback__row">
        <Timeline end={end} />
        <span className="playback__end muted">{clockText(end)}</span>
      </div>
      <Legend data={data} />
      {exporting ? <ExportDialog data={data} onClose={() => setExporting(false)} /> : null}
      {data.result.traces.length === 0 ? (
        <p className="playback__note">
          This run has no sampled requests to replay: run it again with the replay open.
        </p>
      ) : null}
      {data.internals.truncatedAtMs !== undefined ? (
        <p className="playback__note" data-testid="recording-cap">
          Environments are recorded up to {clockText(data.internals.truncatedAtMs)} only: the recording keeps
          at most {recordCapText(data.result.recording!.limit)} of changes. Shorten the run to see them all.
        </p>
      ) : null}
      {data.internals.insidesTruncatedAtMs !== undefined ? (
        <p className="playback__note" data-testid="recording-cap-insides">
          Queues, streams and servers are recorded up to {clockText(data.internals.insidesTruncatedAtMs)}{' '}
          only: the recording keeps at most {recordCapText(data.result.recording!.limit)} of changes of them.
          After that their insides are not drawn; shorten the run to see them all.
        </p>
      ) : null}
    </div>
  );
}

/** The clock: renders when its text changes, not on every catch-up with the playhead. */
function PlaybackClock() {
  const text = useShownText(clockText);
  return (
    <output className="playback__clock" aria-label="Simulated time" data-testid="replay-clock">
      {text}
    </output>
  );
}

/** The timeline's thumb follows the playhead as React shows it. */
function Timeline({ end }: { end: number }) {
  const timeMs = useClassroom((s) => s.shownMs);
  return (
    <input
      type="range"
      className="playback__timeline"
      aria-label="Timeline"
      min={0}
      max={end}
      step="any"
      value={Math.min(timeMs, end)}
      aria-valuetext={clockText(timeMs)}
      onChange={(e) => scrub(Number(e.target.value))}
    />
  );
}
