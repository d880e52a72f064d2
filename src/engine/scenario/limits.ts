/**
 * What the simulator accepts at the door, stated once: files, share links and documents
 * over these are refused with a message before any deep validation, so no document, however
 * large or deep, can make validation, the app or the CLI hang.
 */
export const LIMITS = {
  /** An imported file, a pasted document or a decoded share link (characters of JSON). */
  documentChars: 5_000_000,
  /**
   * A share link's scenario part (characters after "#s="): twenty times the largest template,
   * and small enough to decode in tens of milliseconds.
   */
  shareLinkChars: 64_000,
  nodes: 10_000,
  edges: 50_000,
  /** Any one string: ids, labels, names, notes. */
  stringChars: 20_000,
  /** Objects and arrays inside one another. */
  depth: 32,
  /** Any one list inside a node or an edge (event types, components, filter types, points). */
  listItems: 10_000,
} as const;

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
