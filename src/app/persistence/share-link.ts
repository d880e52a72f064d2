import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { ScenarioDoc } from '../store/scenario-doc';

/** The share link carries the whole scenario in the URL hash: no server, nothing uploaded. */
export const SHARE_PREFIX = '#s=';

export function encodeShare(doc: ScenarioDoc): string {
  return compressToEncodedURIComponent(JSON.stringify(doc));
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
  const text = decompressFromEncodedURIComponent(hash.slice(SHARE_PREFIX.length).split('&')[0]);
  if (!text)
    return {
      ok: false,
      message: 'The share link is damaged (it may have been cut short when it was copied).',
    };
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false, message: 'The share link does not hold a scenario (its contents are not JSON).' };
  }
}
