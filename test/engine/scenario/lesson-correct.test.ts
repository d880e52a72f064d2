import { describe, expect, it } from 'vitest';
import { formatIssue, validateScenario } from '../../../src/engine/scenario/validate';

const withStep = (step: Record<string, unknown>) => ({
  version: 1,
  nodes: [{ id: 'f', kind: 'function' }],
  lesson: { title: 'T', summary: 'S', steps: [{ atSeconds: 1, question: 'Q?', answer: 'A.', ...step }] },
});

const problems = (doc: unknown) => {
  const r = validateScenario(doc);
  return r.ok ? [] : r.errors.map(formatIssue);
};

describe('a lesson step names its right choice', () => {
  it('accepts a choice index inside the list, and a step without choices or without correct', () => {
    expect(problems(withStep({ choices: ['a', 'b'], correct: 1 }))).toEqual([]);
    expect(problems(withStep({ choices: ['a', 'b'] }))).toEqual([]);
    expect(problems(withStep({}))).toEqual([]);
  });

  it('refuses an index past the choices, a fraction, a negative, and correct without choices, naming the field', () => {
    expect(problems(withStep({ choices: ['a', 'b'], correct: 2 }))).toEqual([
      expect.stringMatching(/^lesson\.steps\[0\]\.correct.*must be one of the 2 choices: 0 to 1/),
    ]);
    expect(problems(withStep({ choices: ['a', 'b'], correct: 0.5 }))).toEqual([
      expect.stringMatching(/^lesson\.steps\[0\]\.correct.*whole number/),
    ]);
    expect(problems(withStep({ choices: ['a', 'b'], correct: -1 }))).toEqual([
      expect.stringMatching(/^lesson\.steps\[0\]\.correct.*at least 0/),
    ]);
    expect(problems(withStep({ correct: 0 }))).toEqual([
      expect.stringMatching(/^lesson\.steps\[0\]\.correct.*needs choices/),
    ]);
  });
});
