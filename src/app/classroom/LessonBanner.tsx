import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { ArrowLeft } from 'lucide-react';
import { useSession } from '../persistence/session';
import { backToMyDiagram, replayFolded } from './lesson-document';
import { useClassroom } from './store';

/**
 * Shown while a lesson's document is open: the person's own diagram is kept, and one click
 * away. After a reload mid-lesson it reopens the lesson's card and replay.
 */
export function LessonBanner() {
  const lesson = useSession((s) => s.lesson);
  const ready = useSession((s) => s.ready);
  const rf = useReactFlow();
  const templateId = lesson?.templateId;
  useEffect(() => {
    if (!ready || !templateId) return;
    const c = useClassroom.getState();
    if (c.lessonOpen) return;
    c.openLesson(useSession.getState().lesson?.title ?? null);
    void replayFolded();
  }, [ready, templateId]);
  if (!lesson) return null;
  return (
    <div className="shared-banner lesson-banner" role="region" aria-label="Lesson document">
      <span>
        <strong>Lesson: {lesson.title}.</strong> This is the lesson’s own diagram; yours is kept as you left
        it.
      </span>
      <BackToMyDiagram rf={rf} primary />
    </div>
  );
}

export function BackToMyDiagram({
  rf,
  primary = false,
}: {
  rf: Parameters<typeof backToMyDiagram>[0];
  primary?: boolean;
}) {
  return (
    <button
      type="button"
      className={`button${primary ? ' button--primary' : ''}`}
      onClick={() => void backToMyDiagram(rf)}
    >
      <ArrowLeft size={16} aria-hidden="true" /> Back to my diagram
    </button>
  );
}
