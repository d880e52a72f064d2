import { useEffect, useRef, useState } from 'react';
import { Pause, Play, SkipBack, SkipForward } from 'lucide-react';
import { clockText } from './playback';
import { choiceMark, MARK_TEXT } from './choice-mark';
import { CHANNEL, type Command, type Message, type SharedState } from './presenter-link';
import { SPEEDS } from './store';
import './classroom.css';
import { pressed } from '../shortcuts/keymap';

/**
 * The presenter's window (?presenter): the lesson's questions with their answers, the notes,
 * the clock and the controls, for the laptop screen while the projector shows the replay.
 * It keeps no replay of its own: it shows what the projector window reports and sends it
 * commands.
 */
export function PresenterApp() {
  const [state, setState] = useState<SharedState | null>(null);
  const ch = useRef<BroadcastChannel | null>(null);

  useEffect(() => {
    document.title = 'Presenter view · Serverless Simulator';
    const c = new BroadcastChannel(CHANNEL);
    ch.current = c;
    // Say hello until the projector answers (it may still be loading).
    const hello = () => c.postMessage({ type: 'hello' } satisfies Message);
    hello();
    const timer = window.setInterval(hello, 1000);
    c.onmessage = (e: MessageEvent<Message>) => {
      if (e.data.type !== 'state') return;
      window.clearInterval(timer);
      setState(e.data.state);
    };
    const bye = () => c.postMessage({ type: 'bye' } satisfies Message);
    window.addEventListener('pagehide', bye);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('pagehide', bye);
      bye();
      c.close();
    };
  }, []);
  const send = (c: Command) => ch.current?.postMessage({ type: 'cmd', ...c } satisfies Message);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || (el && ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)))
        return;
      // The same keys as the projector's window (shortcuts/keymap.ts).
      if (pressed('playPause', e) && !el?.closest('button')) send({ cmd: 'toggle' });
      else if (pressed('stepForward', e)) send({ cmd: 'forward' });
      else if (pressed('stepBack', e)) send({ cmd: 'back' });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!state)
    return (
      <main className="presenter presenter--waiting" role="status">
        Waiting for the projector window: keep the simulator open in the window this view was opened from.
      </main>
    );
  const lesson = state.lesson;
  const step = lesson && state.asking !== null ? lesson.steps[state.asking] : null;
  return (
    <main className="presenter" data-testid="presenter">
      <header className="presenter__head">
        <h1>{state.title}</h1>
        <span className="muted">Presenter view</span>
      </header>
      <section className="presenter__controls" aria-label="Replay">
        <output className="presenter__clock" aria-label="Simulated time" data-testid="presenter-clock">
          {clockText(state.timeMs)}
        </output>
        <button
          type="button"
          className="icon-button"
          aria-label="Step back"
          onClick={() => send({ cmd: 'back' })}
        >
          <SkipBack size={22} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-button playback__play"
          aria-label={state.playing ? 'Pause' : 'Play'}
          onClick={() => send({ cmd: 'toggle' })}
        >
          {state.playing ? <Pause size={24} aria-hidden="true" /> : <Play size={24} aria-hidden="true" />}
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Step forward"
          onClick={() => send({ cmd: 'forward' })}
        >
          <SkipForward size={22} aria-hidden="true" />
        </button>
        <select
          className="input"
          aria-label="Speed"
          value={String(state.speed)}
          onChange={(e) => send({ cmd: 'speed', v: Number(e.target.value) })}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>
              {s}×
            </option>
          ))}
        </select>
        <input
          type="range"
          className="presenter__timeline"
          aria-label="Timeline"
          min={0}
          max={state.endMs}
          step="any"
          value={Math.min(state.timeMs, state.endMs)}
          aria-valuetext={clockText(state.timeMs)}
          onChange={(e) => send({ cmd: 'scrub', t: Number(e.target.value) })}
        />
        <span className="muted">{clockText(state.endMs)}</span>
      </section>
      {step && lesson ? (
        <section className="presenter__step" aria-label="Question now" data-testid="presenter-question">
          <p className="muted">
            Paused at {clockText(step.atSeconds * 1000)} · question {state.asking! + 1} of{' '}
            {lesson.steps.length}
          </p>
          <p className="presenter__question">{step.question}</p>
          {step.choices?.length ? (
            <ol className="presenter__choices">
              {step.choices.map((c, i) => {
                // The teacher's screen marks the right choice from the start (the room does not
                // see it), and a pick ✓ or ✗ as the learner's card does.
                const mark = choiceMark(step, i, state.picked, true);
                return (
                  <li key={i}>
                    <button
                      type="button"
                      className={`button lesson-card__choice${mark ? ` is-${mark}` : ''}`}
                      aria-pressed={state.picked === i}
                      disabled={state.revealed}
                      onClick={() => send({ cmd: 'pick', i })}
                      data-mark={mark ?? undefined}
                    >
                      {mark ? (
                        <span className="lesson-card__mark" aria-hidden="true">
                          {MARK_TEXT[mark]}
                        </span>
                      ) : null}
                      {c}
                    </button>
                  </li>
                );
              })}
            </ol>
          ) : null}
          <p className="presenter__answer">
            <strong>
              {state.revealed ? 'Answer (shown to the room): ' : 'Answer (only on this screen): '}
            </strong>
            {step.answer}
          </p>
          {state.revealed ? (
            <button
              type="button"
              className="button button--primary"
              onClick={() => send({ cmd: 'continue' })}
            >
              Continue ▶
            </button>
          ) : (
            <button type="button" className="button button--primary" onClick={() => send({ cmd: 'reveal' })}>
              Show the answer
            </button>
          )}
        </section>
      ) : null}
      {lesson ? (
        <section className="presenter__lesson" aria-label="The lesson's questions">
          <h2>Questions</h2>
          <ol>
            {lesson.steps.map((s, i) => (
              <li key={i} className={state.asking === i ? 'is-now' : ''}>
                <strong>{clockText(s.atSeconds * 1000)}</strong> {s.question}
                <div className="muted">Answer: {s.answer}</div>
              </li>
            ))}
          </ol>
        </section>
      ) : (
        <p className="muted">
          No lesson is open in the projector window: open one from Lessons to see its questions here.
        </p>
      )}
      {state.notes.trim() ? (
        <section className="presenter__notes" aria-label="Notes">
          <h2>Notes</h2>
          <div className="presenter__notes-text">{state.notes}</div>
        </section>
      ) : null}
    </main>
  );
}
