import { useReactFlow } from '@xyflow/react';
import { TEMPLATES } from '../persistence/templates';
import { Dialog } from '../ui/Dialog';
import { startLesson } from './lesson-document';
import { isDone, progressOf } from './progress';
import { lessonOf, useClassroom } from './store';

/** Every template that carries a lesson, with this browser's progress through it. */
export function lessonTemplates() {
  return TEMPLATES.map((t) => ({ t, lesson: lessonOf(t.doc) }))
    .filter(
      (x): x is { t: (typeof TEMPLATES)[number]; lesson: NonNullable<ReturnType<typeof lessonOf>> } =>
        x.lesson !== null,
    )
    .sort((a, b) => a.lesson.title.localeCompare(b.lesson.title));
}

export function LessonList() {
  const rf = useReactFlow();
  const onClose = () => useClassroom.getState().setListOpen(false);
  const items = lessonTemplates();
  return (
    <Dialog title="Lessons" onClose={onClose} wide>
      <p className="muted">
        Each lesson opens a small architecture as its own diagram and replays it. The replay stops at set
        moments to ask what you expect to happen next: predict, then run. Your own diagram is kept as it is:
        “Back to my diagram” returns to it. Your progress is kept in this browser only.
      </p>
      <ul className="lesson-list">
        {items.map(({ t, lesson }) => {
          const p = progressOf(lesson.title);
          const done = isDone(p, lesson.steps.length);
          return (
            <li key={t.id} className="lesson-item" data-done={done}>
              <div className="lesson-item__text">
                <h3>
                  {done ? <span aria-label="Done">✓ </span> : null}
                  {lesson.title}
                </h3>
                <p>{lesson.summary}</p>
                <p className="muted">
                  {lesson.steps.length} question{lesson.steps.length === 1 ? '' : 's'} · answered{' '}
                  {p.answered.length}
                  {p.finished ? ' · watched to the end' : ''}
                </p>
              </div>
              <button
                type="button"
                className="button button--primary"
                onClick={() => void startLesson(t.id, rf)}
                aria-label={`Open lesson ${lesson.title}`}
              >
                {p.answered.length > 0 || p.finished ? 'Again' : 'Start'}
              </button>
            </li>
          );
        })}
        {items.length === 0 ? <li className="muted">No template carries a lesson yet.</li> : null}
      </ul>
    </Dialog>
  );
}
