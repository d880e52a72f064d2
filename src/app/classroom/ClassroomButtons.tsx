import { GraduationCap, MonitorPlay, Presentation } from 'lucide-react';
import { ensureReplayRun } from './controller';
import { useClassroom } from './store';

/** The top bar's classroom group: the lesson list, the replay, presentation mode. */
export function ClassroomButtons() {
  const open = useClassroom((s) => s.open);
  const presenting = useClassroom((s) => s.presenting);
  return (
    <div className="topbar__group" role="group" aria-label="Classroom">
      <button type="button" className="button" onClick={() => useClassroom.getState().setListOpen(true)}>
        <GraduationCap size={18} aria-hidden="true" /> Lessons
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Replay requests on the canvas"
        aria-pressed={open}
        title="Replay: watch requests flow"
        onClick={() => {
          const c = useClassroom.getState();
          c.setOpen(!open);
          if (!open) void ensureReplayRun();
        }}
      >
        <MonitorPlay size={20} aria-hidden="true" />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Presentation mode"
        aria-pressed={presenting}
        title="Presentation mode (P)"
        onClick={() => {
          useClassroom.getState().setPresenting(!presenting);
          if (!presenting) void ensureReplayRun();
        }}
      >
        <Presentation size={20} aria-hidden="true" />
      </button>
    </div>
  );
}
