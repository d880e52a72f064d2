/**
 * The "What to notice" part of a scenario's notes (the shipped templates write it as a
 * bold line or a heading), up to the next such line; empty when the notes have none.
 */
export function noticeOf(notes: string): string {
  const lines = notes.replace(/\r\n?/g, '\n').split('\n');
  const isHead = (l: string) => /^\s*(\*\*[^*]+\*\*\s*:?\s*|#{1,6}\s+.*)$/.test(l);
  const start = lines.findIndex((l) => isHead(l) && /what to notice/i.test(l));
  if (start < 0) return '';
  let end = start + 1;
  while (end < lines.length && !isHead(lines[end])) end++;
  return lines
    .slice(start + 1, end)
    .join('\n')
    .trim();
}
