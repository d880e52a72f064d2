import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { replayData } from '../../src/app/classroom/replay-data';
import { classroomRunOptions } from '../../src/app/classroom/run-options';
import { simulate } from '../../src/engine/simulate';

/** Colours for drawing insides in tests (draw-internals.ts Colors). */
export const COLORS = { surface: '#fff', text: '#111', muted: '#555', border: '#999', accent: '#1d5cc0' };

/**
 * The api-function template run as the classroom runs it: its replay, its function's id and an
 * instant halfway through the run (ms), for tests of what is drawn under the function.
 */
export function functionReplay() {
  const doc = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../src/templates/api-function.json'), 'utf8'),
  );
  const result = simulate(doc, classroomRunOptions(doc));
  const data = replayData(result, doc);
  const [fn] = [...data.internals.functions.keys()];
  return { data, fn, t: Math.round(result.simulatedSeconds * 500) };
}
