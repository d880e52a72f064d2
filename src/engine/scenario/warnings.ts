import { runChecks, type Finding } from '../checks';
import type { Scenario } from './schema';

export { feedbackLoops } from '../checks/loops';

/**
 * The result's `warnings` (scenario-format.md): the learner checks' warnings as sentences,
 * for the CLI, the result file and the run notices. The app reads the findings themselves.
 */
export function scenarioWarnings(s: Scenario, findings: readonly Finding[] = runChecks(s)): string[] {
  const byCheck = new Map<string, string[]>();
  for (const f of findings) {
    if (f.severity !== 'warning') continue;
    const list = byCheck.get(f.check);
    if (list) list.push(f.message);
    else byCheck.set(f.check, [f.message]);
  }
  // Each family is capped, so a generated document with thousands of nodes gets a readable
  // list (and a count of the rest) rather than megabytes of warnings.
  return [...byCheck.values()].flatMap(capped);
}

/** At most this many warnings of one family, then one line counting the rest. */
export const MAX_WARNINGS_PER_FAMILY = 20;
/** Lists inside one warning (the nodes round a loop) stop after this many. */
export const MAX_LISTED = 12;

function capped(warnings: string[]): string[] {
  if (warnings.length <= MAX_WARNINGS_PER_FAMILY) return warnings;
  const rest = warnings.length - MAX_WARNINGS_PER_FAMILY;
  return [
    ...warnings.slice(0, MAX_WARNINGS_PER_FAMILY),
    `…and ${rest.toLocaleString('en-US')} more like the one above`,
  ];
}

/** "a, b, c" or "a, b, … (4,000 in all)". */
export function listed(items: readonly string[], separator = ', '): string {
  if (items.length <= MAX_LISTED) return items.join(separator);
  return `${items.slice(0, MAX_LISTED).join(separator)}${separator}… (${items.length.toLocaleString('en-US')} in all)`;
}

/** The text for one loop when a run's budget stops it (ids: the stop message names the events' nodes). */
export function feedbackLoopWarning(loop: readonly string[]): string {
  return `feedback loop: ${listed(loop, ' → ')}: work handed round it may circulate until the run's event budget stops it`;
}
