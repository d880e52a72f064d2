import type { Result } from '../../../engine/result';

/**
 * A result as JSON for the "Result (JSON)" download. A replay's recording is kept encoded
 * (bytes, engine/sim/recorder.ts): written byte by byte it would make a file of a hundred
 * megabytes from a long template's few; it is written as its size instead, with its nodes
 * and limits.
 */
export function resultJson(result: Result): string {
  return JSON.stringify(
    result,
    (_key, value: unknown) =>
      value instanceof Uint8Array ? `${value.byteLength} bytes of encoded changes (not exported)` : value,
    2,
  );
}
