// The default import: lz-string is CommonJS, and Node's ESM loader (the bench) sees no named exports.
import lz from 'lz-string';
import { decodeUriLz, lzRefusal } from './lz-decode';
import type { ScenarioDoc } from '../store/scenario-doc';

/** The share link carries the whole scenario in the URL hash: no server, nothing uploaded. */
export const SHARE_PREFIX = '#s=';

export function encodeShare(doc: ScenarioDoc): string {
  return lz.compressToEncodedURIComponent(JSON.stringify(doc));
}

export function shareUrl(
  doc: ScenarioDoc,
  location: { origin: string; pathname: string } = window.location,
): string {
  return `${location.origin}${location.pathname}${SHARE_PREFIX}${encodeShare(doc)}`;
}

export type DecodedShare = { ok: true; json: unknown } | { ok: false; message: string };

/** Null when the hash is not a share link at all. */
export function decodeShare(hash: string): DecodedShare | null {
  if (!hash.startsWith(SHARE_PREFIX)) return null;
  // What follows an "&" (the classroom's time position, lesson) is not part of the scenario.
  const decoded = decodeUriLz(hash.slice(SHARE_PREFIX.length).split('&')[0]);
  if (!decoded.ok) return { ok: false, message: lzRefusal(decoded.reason) };
  if (!decoded.text) return { ok: false, message: lzRefusal('damaged') };
  try {
    return { ok: true, json: JSON.parse(decoded.text) };
  } catch {
    return { ok: false, message: 'The share link does not hold a scenario (its contents are not JSON).' };
  }
}
