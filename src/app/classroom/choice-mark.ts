import type { LessonStep } from '../../engine/scenario/schema';

/** How a choice is shown: picked or not, and once marked (picked or revealed) right or wrong. */
export function choiceMark(
  step: Pick<LessonStep, 'correct'>,
  i: number,
  picked: number | null,
  revealed: boolean,
): 'right' | 'wrong' | 'answer' | 'picked' | null {
  const known = step.correct !== undefined;
  if (picked === i) return known ? (i === step.correct ? 'right' : 'wrong') : 'picked';
  // The right choice is pointed out once the answer is shown (or the learner picked wrong and revealed).
  if (known && revealed && i === step.correct) return 'answer';
  return null;
}

export const MARK_TEXT = { right: '✓ ', wrong: '✗ ', answer: '✓ ', picked: '● ' } as const;
