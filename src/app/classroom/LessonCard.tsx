import { BookOpen, X } from 'lucide-react';
import type { Lesson } from '../../engine/scenario/schema';
import { continueLesson, reveal } from './controller';
import { clockText } from './playback';
import { useClassroom } from './store';
import { choiceMark, MARK_TEXT } from './choice-mark';

/** The open lesson: what it is about, and at each pause point its question, then the answer. */
export function LessonCard({ lesson }: { lesson: Lesson }) {
  const asking = useClassroom((s) => s.asking);
  const revealed = useClassroom((s) => s.revealed);
  const picked = useClassroom((s) => s.picked);
  const timeMs = useClassroom((s) => s.shownMs);
  const step = asking !== null ? lesson.steps[asking] : null;
  const next = lesson.steps.find((s) => s.atSeconds * 1000 > timeMs + 1e-6);
  return (
    <section
      className={`lesson-card${step ? ' is-asking' : ''}`}
      aria-label="Lesson"
      data-testid="lesson-card"
    >
      <header className="lesson-card__head">
        <BookOpen size={18} aria-hidden="true" />
        <h2>{lesson.title}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close the lesson"
          onClick={() => useClassroom.getState().closeLesson()}
        >
          <X size={18} aria-hidden="true" />
        </button>
      </header>
      {step ? (
        <div
          className="lesson-card__step"
          role="alertdialog"
          aria-label="Predict, then run"
          aria-live="assertive"
        >
          <p className="lesson-card__when">
            Paused at {clockText(step.atSeconds * 1000)} · question {asking! + 1} of {lesson.steps.length}
          </p>
          <p className="lesson-card__question" data-testid="lesson-question">
            {step.question}
          </p>
          {step.choices && step.choices.length > 0 ? (
            <>
              <div className="lesson-card__choices" role="radiogroup" aria-label="Your prediction">
                {step.choices.map((c, i) => {
                  const mark = choiceMark(step, i, picked, revealed);
                  return (
                    <button
                      key={i}
                      type="button"
                      role="radio"
                      aria-checked={picked === i}
                      className={`button lesson-card__choice${mark ? ` is-${mark}` : ''}`}
                      onClick={() => useClassroom.getState().pick(i)}
                      // One prediction per question: it is marked at once, and stays.
                      disabled={revealed || picked !== null}
                      data-mark={mark ?? undefined}
                    >
                      {mark ? (
                        <span className="lesson-card__mark" aria-hidden="true">
                          {MARK_TEXT[mark]}
                        </span>
                      ) : null}
                      {c}
                    </button>
                  );
                })}
              </div>
              {picked !== null ? (
                <p
                  className={`lesson-card__verdict is-${choiceMark(step, picked, picked, revealed)}`}
                  role="status"
                  data-testid="lesson-verdict"
                >
                  {step.correct === undefined
                    ? 'Your prediction is noted. Show the answer to compare.'
                    : picked === step.correct
                      ? '✓ Right. Show the answer to see why.'
                      : `✗ Not this one. ${revealed ? `The right answer is “${step.choices[step.correct]}”.` : 'Show the answer to see what happens.'}`}
                </p>
              ) : null}
            </>
          ) : null}
          {revealed ? (
            <p className="lesson-card__answer" data-testid="lesson-answer">
              <strong>Answer: </strong>
              {step.answer}
            </p>
          ) : null}
          <div className="lesson-card__actions">
            {revealed ? (
              <button type="button" className="button button--primary" onClick={continueLesson}>
                Continue ▶
              </button>
            ) : (
              <button type="button" className="button button--primary" onClick={reveal}>
                Show the answer
              </button>
            )}
          </div>
        </div>
      ) : (
        <div className="lesson-card__body">
          <p>{lesson.summary}</p>
          <p className="muted">
            {next
              ? `Press play: the replay stops at ${clockText(next.atSeconds * 1000)} to ask you to predict what happens next.`
              : lesson.steps.length > 0
                ? 'All questions asked. Scrub the timeline to look again.'
                : 'Press play and watch.'}
          </p>
        </div>
      )}
    </section>
  );
}
