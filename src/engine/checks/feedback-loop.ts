import { feedbackLoops } from './loops';
import type { Check, Finding } from './types';

/**
 * Work handed round a ring (function → topic → the same function) may circulate for ever; the
 * run's event budget stops it. The warning asks whether the loop is meant.
 */
export const feedbackLoop: Check = {
  name: 'feedback-loop',
  run(ctx) {
    return feedbackLoops(ctx.scenario.edges).map((loop): Finding => ({
      id: `feedback-loop:${loop[0]}`,
      check: 'feedback-loop',
      severity: 'warning',
      message: `Feedback loop: ${loopText(loop.map(ctx.label))}: work handed round it may circulate until the run's event budget stops it.`,
      nodeIds: [...new Set(loop)],
    }));
  },
};

function loopText(names: string[]): string {
  const MAX = 12;
  if (names.length <= MAX) return names.join(' → ');
  return `${names.slice(0, MAX).join(' → ')} → … (${names.length.toLocaleString('en-US')} in all)`;
}
