import type { ScenarioDoc } from '../store/scenario-doc';

/** How many saved versions of the work are kept. */
export const MAX_VERSIONS = 20;
/** Saves closer together than this, from the same tab, adding to the diagram, are one version. */
export const VERSION_EVERY_MS = 60_000;

export interface SavedVersion {
  savedAt: number;
  /** Which tab saved it: saves of another tab never overwrite this one's versions. */
  tab: string;
  doc: ScenarioDoc;
  /**
   * Saved by a tab that was not saving the diagram (another tab was): its edits are kept here
   * so that closing or reloading it loses nothing, while the saved diagram is the other tab's.
   */
  fromTabNotSaving?: boolean;
}

/**
 * The version list after a save. A minute of edits is one version, but a save that removes
 * nodes or edges, or replaces the diagram (a lesson, an import, a template: the name changes),
 * always starts a new one, so what was there just before can be brought back after a reload.
 * A save joins this tab's latest version even when another tab saved since, so two tabs
 * editing at once do not push the older versions out with one entry per keystroke.
 */
export function nextVersions(
  list: readonly SavedVersion[],
  doc: ScenarioDoc,
  tab: string,
  now: number,
  fromTabNotSaving = false,
): SavedVersion[] {
  let at = list.length - 1;
  while (at >= 0 && list[at].tab !== tab) at--;
  const last = at >= 0 ? list[at] : undefined;
  const entry: SavedVersion = fromTabNotSaving
    ? { savedAt: now, tab, doc, fromTabNotSaving }
    : { savedAt: now, tab, doc };
  const coalesce =
    last !== undefined &&
    now - last.savedAt < VERSION_EVERY_MS &&
    last.doc.name === doc.name &&
    (last.fromTabNotSaving ?? false) === fromTabNotSaving &&
    doc.nodes.length >= last.doc.nodes.length &&
    doc.edges.length >= last.doc.edges.length;
  // A coalesced save keeps the version's start time, so a steady stream of edits still makes
  // a new version every minute.
  const next = coalesce
    ? list.map((v, i) => (i === at ? { ...entry, savedAt: last.savedAt } : v))
    : [...list, entry];
  return next.slice(-MAX_VERSIONS);
}

/** Versions read back from storage: anything malformed is dropped, never trusted. */
export function readVersions(stored: unknown): SavedVersion[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (v): v is SavedVersion =>
      v !== null &&
      typeof v === 'object' &&
      typeof (v as SavedVersion).savedAt === 'number' &&
      typeof (v as SavedVersion).tab === 'string' &&
      ((v as SavedVersion).fromTabNotSaving === undefined ||
        typeof (v as SavedVersion).fromTabNotSaving === 'boolean') &&
      typeof (v as SavedVersion).doc === 'object' &&
      (v as SavedVersion).doc !== null &&
      Array.isArray((v as SavedVersion).doc.nodes),
  );
}
