import type { Lesson } from '../../engine/scenario/schema';
import { useRunStore } from '../store/run';
import { useScenarioStore } from '../store/scenario';
import {
  continueLesson,
  currentLesson,
  endMs,
  reveal,
  scrub,
  setSpeed,
  stepBack,
  stepForward,
  togglePlay,
} from './controller';
import { useClassroom } from './store';

/**
 * The presenter's window and the projector's window, kept in step over a BroadcastChannel
 * (same origin, no server). The projector window owns the replay: it runs the clock and the
 * lesson, executes the commands either window gives, and tells the presenter window what is
 * on screen after every change. The presenter window only mirrors and sends commands, so the
 * two cannot drift apart.
 */
export const CHANNEL = 'serverless-sim-classroom';

export type Command =
  | { cmd: 'toggle' }
  | { cmd: 'forward' }
  | { cmd: 'back' }
  | { cmd: 'scrub'; t: number }
  | { cmd: 'speed'; v: number }
  | { cmd: 'reveal' }
  | { cmd: 'continue' }
  | { cmd: 'pick'; i: number };

/** What the presenter window shows, as the projector has it. */
export interface SharedState {
  timeMs: number;
  endMs: number;
  playing: boolean;
  speed: number;
  asking: number | null;
  revealed: boolean;
  picked: number | null;
  lesson: Lesson | null;
  notes: string;
  title: string;
}

export type Message =
  { type: 'hello' } | { type: 'bye' } | ({ type: 'cmd' } & Command) | { type: 'state'; state: SharedState };

export function run(c: Command): void {
  switch (c.cmd) {
    case 'toggle':
      return togglePlay();
    case 'forward':
      return stepForward();
    case 'back':
      return stepBack();
    case 'scrub':
      return scrub(c.t);
    case 'speed':
      return setSpeed(c.v);
    case 'reveal':
      return reveal();
    case 'continue':
      return continueLesson();
    case 'pick':
      return useClassroom.getState().pick(c.i);
  }
}

function snapshot(): SharedState {
  const c = useClassroom.getState();
  const doc = useScenarioStore.getState().doc as { name?: string; notes?: string };
  const lesson = c.lessonOpen ? currentLesson() : null;
  return {
    timeMs: c.shownMs,
    endMs: endMs(),
    playing: c.playing,
    speed: c.speed,
    asking: c.asking,
    revealed: c.revealed,
    picked: c.picked,
    lesson,
    notes: doc.notes ?? '',
    title: lesson?.title ?? doc.name ?? 'Untitled scenario',
  };
}

/**
 * The projector's side: answers a presenter window's hello, runs its commands, and sends the
 * state on every change that shows. Returns a function that stops it.
 */
export function startProjectorLink(): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const ch = new BroadcastChannel(CHANNEL);
  let last = '';
  const send = () => {
    // Nobody listens until a presenter window says hello.
    if (!useClassroom.getState().remote) return;
    const state = snapshot();
    const text = JSON.stringify(state);
    if (text === last) return;
    last = text;
    ch.postMessage({ type: 'state', state } satisfies Message);
  };
  ch.onmessage = (e: MessageEvent<Message>) => {
    const m = e.data;
    if (m.type === 'hello') {
      useClassroom.getState().setRemote(true);
      last = '';
      send();
    } else if (m.type === 'bye') useClassroom.getState().setRemote(false);
    else if (m.type === 'cmd') run(m);
  };
  // Only what the presenter shows: the playhead as React shows it (not every frame).
  const unsubC = useClassroom.subscribe((s, p) => {
    if (
      s.shownMs !== p.shownMs ||
      s.playing !== p.playing ||
      s.speed !== p.speed ||
      s.asking !== p.asking ||
      s.revealed !== p.revealed ||
      s.picked !== p.picked ||
      s.lessonOpen !== p.lessonOpen ||
      s.remote !== p.remote
    )
      send();
  });
  const unsubR = useRunStore.subscribe((s, p) => {
    if (s.result !== p.result) send();
  });
  return () => {
    unsubC();
    unsubR();
    ch.close();
  };
}

/** Opens the presenter's window (a second window of the app with ?presenter). */
export function openPresenterWindow(): void {
  const url = new URL(location.href);
  url.search = '?presenter';
  url.hash = '';
  window.open(url.toString(), 'serverless-sim-presenter', 'popup,width=900,height=700');
  // The projector shows the room's view: canvas, big clock and counters.
  useClassroom.getState().setPresenting(true);
}
