import { describe, expect, it } from 'vitest';
import { choiceMark } from '../../src/app/classroom/choice-mark';

describe('a prediction is marked right or wrong before the answer', () => {
  const step = { correct: 1 };
  const marks = (picked: number | null, revealed: boolean, s: { correct?: number } = step) =>
    [0, 1, 2].map((i) => choiceMark(s, i, picked, revealed));

  it('nothing is marked before a pick', () => {
    expect(marks(null, false)).toEqual([null, null, null]);
  });
  it('a right pick is ✓ at once; a wrong one is ✗ and the right one shows only with the answer', () => {
    expect(marks(1, false)).toEqual([null, 'right', null]);
    expect(marks(2, false)).toEqual([null, null, 'wrong']);
    expect(marks(2, true)).toEqual([null, 'answer', 'wrong']);
  });
  it('showing the answer without a pick points out the right choice', () => {
    expect(marks(null, true)).toEqual([null, 'answer', null]);
  });
  it('a step that does not say which is right marks the pick as picked only', () => {
    expect(marks(0, true, {})).toEqual(['picked', null, null]);
  });
});
