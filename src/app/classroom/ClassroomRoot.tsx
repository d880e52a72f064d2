import { useEffect } from 'react';
import { fitDefaults } from '../canvas/fit';
import { useRunStore, setDefaultRunOptions } from '../store/run';
import { ensureReplayRun, keepSpeed, stepBack, stepForward, togglePlay, tick } from './controller';
import { LessonList } from './LessonList';
import { stopAt } from './playback';
import { parseMoment } from './share-moment';
import { startProjectorLink } from './presenter-link';
import { nearestSpeed, PRESENT_FIT, useClassroom } from './store';
import { classroomRunOptions } from './run-options';
import { pressed } from '../shortcuts/keymap';
import { stopsMs } from './controller';

// Every run samples traces (cheap, and it never changes the simulation), so any result can
// be replayed; the recording of environments is asked for while the replay is open.
// Traces and the recording only when the replay is open: opening it re-runs a result that
// lacks them, and a closed classroom should not make every result larger to copy.
setDefaultRunOptions((doc) => (useClassroom.getState().open ? classroomRunOptions(doc) : {}));

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.closest?.('dialog[open]')) return true;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** App-level classroom: the frame loop, the keys, the URL flags (?present, a moment in a share link), the lesson list. */
export function ClassroomRoot() {
  const listOpen = useClassroom((s) => s.listOpen);
  const playing = useClassroom((s) => s.playing);
  const presenting = useClassroom((s) => s.presenting);

  // The frame loop: only while playing.
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    let last = performance.now();
    const frame = (now: number) => {
      tick(Math.min(100, now - last));
      last = now;
      raf = requestAnimationFrame(frame);
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, [playing]);

  // A presenter window may say hello at any time.
  useEffect(() => startProjectorLink(), []);

  // Presentation mode styles the whole page (bigger type, high contrast, panels hidden), and
  // every automatic fit while it lasts (a panel changing, a resize, a presenter window taking
  // the replay bar away) keeps the diagram as large as fits, with room for the nodes' insides.
  useEffect(() => {
    const root = document.documentElement;
    if (presenting) root.dataset.present = 'true';
    else delete root.dataset.present;
    fitDefaults.maxZoom = presenting ? PRESENT_FIT.maxZoom : 1.25;
    fitDefaults.extraBottom = presenting ? PRESENT_FIT.extraBottom : 0;
    fitDefaults.extraTop = presenting ? PRESENT_FIT.extraTop : 0;
  }, [presenting]);

  // ?present, and a share link's moment: open the replay there once the run is in.
  useEffect(() => {
    const present = new URLSearchParams(location.search).has('present');
    const moment = parseMoment(location.hash);
    if (!present && !moment) return;
    const c = useClassroom.getState();
    if (moment?.lesson) c.openLesson(null);
    else c.setOpen(true);
    if (present) c.setPresenting(true);
    if (moment?.speed) {
      keepSpeed();
      c.setSpeed(nearestSpeed(moment.speed));
    }
    void ensureReplayRun().then(() => {
      if (!moment) return;
      const end = useRunStore.getState().result?.simulatedSeconds ?? 0;
      const t = Math.min(moment.timeMs, end * 1000);
      useClassroom.getState().seek(t);
      const s = stopAt(t, stopsMs());
      if (s !== null) useClassroom.getState().ask(s);
    });
  }, []);

  // Keys: Space, arrows and a presenter clicker's PageDown / PageUp / B; P for presentation.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const c = useClassroom.getState();
      const onNode = (e.target as HTMLElement | null)?.closest?.('.react-flow__node, .react-flow__edge');
      let handled = true;
      // Keys from the keymap (shortcuts/keymap.ts), the one table the shortcut sheet shows.
      // On a node the arrows move it (React Flow's own keys); Page Down / Up still step.
      const arrowOnNode = onNode && pressed('moveNodes', e);
      if (pressed('presentation', e)) {
        c.setPresenting(!c.presenting);
        if (!c.presenting) void ensureReplayRun();
      } else if (!c.open) {
        handled = false;
      } else if (pressed('playPause', e) && !(e.target as HTMLElement | null)?.closest?.('button'))
        togglePlay();
      else if (pressed('stepForward', e) && !arrowOnNode) stepForward();
      else if (pressed('stepBack', e) && !arrowOnNode) stepBack();
      else if (pressed('blank', e) && c.presenting) c.toggleBlank();
      else if (pressed('leavePresentation', e) && c.presenting) c.setPresenting(false);
      else handled = false;
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return listOpen ? <LessonList /> : null;
}
