import { useNotices } from '../canvas/notices';
import { TEMPLATES } from '../persistence/templates';
import { useScenarioStore } from '../store/scenario';
import { useSelectionStore } from '../store/scenario-selection';
import { Dialog } from '../ui/Dialog';
import { ensureReplayRun } from './controller';
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

export function openLessonTemplate(id: string): void {
  const found = TEMPLATES.find((x) => x.id === id);
  const lesson = found && lessonOf(found.doc);
  if (!found || !lesson) return;
  useScenarioStore.getState().load(structuredClone(found.doc));
  useSelectionStore.getState().clear();
  useClassroom.getState().openLesson(lesson.title);
  useClassroom.getState().setListOpen(false);
  useNotices
    .getState()
    .show(`Opened the lesson “${lesson.title}”. Undo (Ctrl+Z) brings back your previous diagram.`);
  void ensureReplayRun();
}

export function LessonList() {
  const onClose = () => useClassroom.getState().setListOpen(false);
  const items = lessonTemplates();
  return (
    <Dialog title="Lessons" onClose={onClose} wide>
      <p className="muted">
        Each lesson opens a small architecture and replays it. The replay stops at set moments to ask what you
        expect to happen next: predict, then run. Your progress is kept in this browser only.
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
                onClick={() => openLessonTemplate(t.id)}
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
