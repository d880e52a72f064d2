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
}

/**
 * The version list after a save. A minute of edits is one version, but a save that removes
 * nodes or edges, or replaces the diagram (a lesson, an import, a template: the name changes),
 * always starts a new one, so what was there just before can be brought back after a reload.
 */
export function nextVersions(
  list: readonly SavedVersion[],
  doc: ScenarioDoc,
  tab: string,
  now: number,
): SavedVersion[] {
  const last = list[list.length - 1];
  const entry: SavedVersion = { savedAt: now, tab, doc };
  const coalesce =
    last !== undefined &&
    last.tab === tab &&
    now - last.savedAt < VERSION_EVERY_MS &&
    last.doc.name === doc.name &&
    doc.nodes.length >= last.doc.nodes.length &&
    doc.edges.length >= last.doc.edges.length;
  // A coalesced save keeps the version's start time, so a steady stream of edits still makes
  // a new version every minute.
  const next = coalesce ? [...list.slice(0, -1), { ...entry, savedAt: last.savedAt }] : [...list, entry];
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
      typeof (v as SavedVersion).doc === 'object' &&
      (v as SavedVersion).doc !== null &&
      Array.isArray((v as SavedVersion).doc.nodes),
  );
}
