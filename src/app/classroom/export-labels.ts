import { currentLesson } from './controller';
import type { ReplayData } from './replay-data';

/** The title an export or handout carries: the lesson's, else the scenario's name. */
export function titleOf(data: ReplayData): string {
  return currentLesson()?.title ?? data.result.scenario;
}

/** The counters an export shows: the lesson's, else requests, completed and failed (as presentation mode). */
export function countersOf(): string[] {
  const lesson = currentLesson();
  return lesson?.counters.length ? lesson.counters : ['totals.requests', 'totals.completed', 'totals.failed'];
}
