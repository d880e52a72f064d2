import { GraduationCap, MonitorPlay, Presentation } from 'lucide-react';
import { ensureReplayRun } from './controller';
import { useClassroom } from './store';
import { ToolButton } from '../ui/ToolButton';

/** The top bar's classroom buttons: the lesson list, the replay, presentation mode. */
export function ClassroomButtons() {
  const open = useClassroom((s) => s.open);
  const presenting = useClassroom((s) => s.presenting);
  return (
    <>
      <ToolButton
        wide={false}
        icon={<GraduationCap size={20} aria-hidden="true" />}
        label="Lessons"
        tip="Lessons: guided tours of the templates"
        onClick={() => useClassroom.getState().setListOpen(true)}
      />
      <ToolButton
        wide={false}
        icon={<MonitorPlay size={20} aria-hidden="true" />}
        label="Replay"
        name="Replay requests on the canvas"
        tip="Replay: watch requests flow on the canvas"
        pressed={open}
        onClick={() => {
          const c = useClassroom.getState();
          c.setOpen(!open);
          if (!open) void ensureReplayRun();
        }}
      />
      <ToolButton
        wide={false}
        icon={<Presentation size={20} aria-hidden="true" />}
        label="Present"
        name="Presentation mode"
        tip="Presentation mode"
        keys="P"
        pressed={presenting}
        onClick={() => {
          useClassroom.getState().setPresenting(!presenting);
          if (!presenting) void ensureReplayRun();
        }}
      />
    </>
  );
}
