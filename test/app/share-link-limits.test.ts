import fc from 'fast-check';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeUriLz } from '../../src/app/persistence/lz-decode';
import { decodeShare } from '../../src/app/persistence/share-link';
import { LIMITS } from '../../src/engine/scenario/limits';
import { bomb, bombOfLength } from './helpers/lz-bomb';

describe('the share-link decoder', () => {
  it('reads exactly what lz-string wrote, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const r = decodeUriLz(compressToEncodedURIComponent(text));
        expect(r).toEqual({ ok: true, text });
      }),
      { numRuns: 60 },
    );
    const json = JSON.stringify({ nodes: Array.from({ length: 300 }, (_, i) => ({ id: `n${i}`, x: i })) });
    expect(decodeUriLz(compressToEncodedURIComponent(json))).toEqual({ ok: true, text: json });
  }, 60_000);

  it('never throws on a damaged or random link, and says it is damaged', () => {
    expect(decodeShare('#s=y')).toEqual({ ok: false, message: expect.stringMatching(/damaged/) });
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (tail) => {
        const r = decodeShare(`#s=${tail}`)!;
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.message).toMatch(/share link/);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with lz-string on random input it can decode', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const input = chars.join('');
        let theirs: string | null | undefined;
        try {
          theirs = decompressFromEncodedURIComponent(input);
        } catch {
          return; // lz-string itself throws on some of these: nothing to compare
        }
        const ours = decodeUriLz(input);
        if (ours.ok && ours.text !== '') expect(theirs).toBe(ours.text);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a link over the stated size before decoding it', () => {
    const long = `#s=${'A'.repeat(LIMITS.shareLinkChars + 1)}`;
    const r = decodeShare(long)!;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('too long to open (over 64,000 characters)');
  });

  it('stops a decompression bomb as soon as its output passes the document limit', () => {
    // The crafted stream is one lz-string reads too.
    expect(decompressFromEncodedURIComponent(bomb(99))).toBe('a'.repeat((100 * 101) / 2));
    expect(decodeUriLz(bomb(99))).toEqual({ ok: true, text: 'a'.repeat((100 * 101) / 2) });
    // 3,200 codes: a link of about 7,000 characters that would unpack to 5.1 million letters.
    const link = bomb(3200);
    expect(link.length).toBeLessThan(LIMITS.shareLinkChars);
    expect(decodeUriLz(link)).toEqual({ ok: false, reason: 'tooLarge' });
    const r = decodeShare(`#s=${link}`)!;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('over 5,000,000 characters once unpacked');
    // 3,160 codes unpack to 4,995,021 letters: under the limit, decoded.
    const fits = decodeUriLz(bomb(3160));
    expect(fits.ok && fits.text.length).toBe((3161 * 3162) / 2);
  });

  it('a bomb of the maximum link size is refused as too large, its output never past the limit', () => {
    const link = bombOfLength(LIMITS.shareLinkChars);
    expect(link.length).toBeLessThanOrEqual(LIMITS.shareLinkChars);
    expect(link.length).toBeGreaterThan(LIMITS.shareLinkChars - 10);
    expect(decodeUriLz(link)).toEqual({ ok: false, reason: 'tooLarge' });
    // With a smaller output limit, the same stream stops there: the output is bounded by it.
    expect(decodeUriLz(link, { inputChars: LIMITS.shareLinkChars, outputChars: 1000 })).toEqual({
      ok: false,
      reason: 'tooLarge',
    });
    expect(decodeUriLz(bomb(40), { inputChars: 1e6, outputChars: (41 * 42) / 2 })).toEqual({
      ok: true,
      text: 'a'.repeat((41 * 42) / 2),
    });
  });

  it('a link of the maximum size is decoded, not refused', () => {
    // Random JSON-ish text compresses poorly: build one just under the limit.
    let text = '';
    let link = '';
    const rng = fc.sample(fc.string({ unit: 'grapheme-ascii', minLength: 2000, maxLength: 2000 }), {
      seed: 7,
      numRuns: 60,
    });
    for (const chunk of rng) {
      const next = compressToEncodedURIComponent(text + chunk);
      if (next.length > LIMITS.shareLinkChars) break;
      text += chunk;
      link = next;
    }
    expect(link.length).toBeGreaterThan(LIMITS.shareLinkChars * 0.9);
    expect(decodeUriLz(link)).toEqual({ ok: true, text });
  }, 60_000);
});
