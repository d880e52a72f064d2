import { LIMITS, formatCount } from '../../engine/scenario/limits';

/**
 * Decoder for lz-string's URI-safe format (what share links carry), written so that it can
 * stop: lz-string's own decompressor has no output limit, and a crafted 77 KB link expands
 * quadratically until the tab runs out of memory. This one refuses input over a stated size
 * before decoding, stops as soon as the output passes the limit for a document, and returns
 * null (never throws) for input that is not a valid stream.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE = new Map([...ALPHABET].map((ch, i) => [ch, i]));

export type LzDecoded =
  { ok: true; text: string } | { ok: false; reason: 'tooLong' | 'tooLarge' | 'damaged' };

export function decodeUriLz(
  input: string,
  limits: { inputChars: number; outputChars: number } = {
    inputChars: LIMITS.shareLinkChars,
    outputChars: LIMITS.documentChars,
  },
): LzDecoded {
  if (input.length > limits.inputChars) return { ok: false, reason: 'tooLong' };
  // A "+" may arrive as a space after a round trip through a form or a mail client.
  const data = input.replace(/ /g, '+');
  if (data.length === 0) return { ok: false, reason: 'damaged' };
  const values = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = VALUE.get(data[i]);
    if (v === undefined) return { ok: false, reason: 'damaged' };
    values[i] = v;
  }

  // Bits are read least significant first, six to a character.
  let index = 0;
  let current = values[0];
  let mask = 32;
  let exhausted = false;
  const readBits = (n: number): number => {
    let bits = 0;
    for (let power = 1, i = 0; i < n; i++, power *= 2) {
      if (exhausted) return -1;
      if (current & mask) bits += power;
      mask >>= 1;
      if (mask === 0) {
        mask = 32;
        index++;
        if (index >= values.length) exhausted = true;
        else current = values[index];
      }
    }
    return bits;
  };

  const dictionary: string[] = ['', '', ''];
  let numBits = 3;
  let enlargeIn = 4;
  const first = readBits(2);
  let w: string;
  if (first === 0 || first === 1) {
    const code = readBits(first === 0 ? 8 : 16);
    if (code < 0) return { ok: false, reason: 'damaged' };
    w = String.fromCharCode(code);
  } else if (first === 2) return { ok: true, text: '' };
  else return { ok: false, reason: 'damaged' };
  dictionary.push(w);
  const out: string[] = [w];
  let length = w.length;

  for (;;) {
    let c = readBits(numBits);
    if (c < 0) return { ok: false, reason: 'damaged' };
    if (c === 2) return { ok: true, text: out.join('') };
    if (c === 0 || c === 1) {
      const code = readBits(c === 0 ? 8 : 16);
      if (code < 0) return { ok: false, reason: 'damaged' };
      dictionary.push(String.fromCharCode(code));
      c = dictionary.length - 1;
      if (--enlargeIn === 0) {
        enlargeIn = 2 ** numBits;
        numBits++;
      }
    }
    let entry: string;
    if (c < dictionary.length) entry = dictionary[c];
    else if (c === dictionary.length) entry = w + w[0];
    else return { ok: false, reason: 'damaged' };
    length += entry.length;
    if (length > limits.outputChars) return { ok: false, reason: 'tooLarge' };
    out.push(entry);
    dictionary.push(w + entry[0]);
    w = entry;
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}

export function lzRefusal(reason: 'tooLong' | 'tooLarge' | 'damaged'): string {
  switch (reason) {
    case 'tooLong':
      return `The share link is too long to open (over ${formatCount(LIMITS.shareLinkChars)} characters): export the scenario as a file and import that instead.`;
    case 'tooLarge':
      return `The share link holds more than a scenario can be (over ${formatCount(LIMITS.documentChars)} characters once unpacked), so it was not opened.`;
    case 'damaged':
      return 'The share link is damaged (it may have been cut short when it was copied).';
  }
}
