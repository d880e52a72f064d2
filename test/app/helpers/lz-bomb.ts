/**
 * A crafted lz-string link whose every code names the entry about to be made (w + its first
 * letter): each adds one letter more than the last, so `codes` codes unpack to about codes²/2
 * letters. Used by the share-link tests and the bench (the decoder's worst case).
 */
export function bomb(codes: number): string {
  const bits: number[] = [];
  const put = (value: number, n: number) => {
    for (let i = 0; i < n; i++) bits.push((value >> i) & 1);
  };
  put(0, 2);
  put(97, 8); // "a"
  let size = 4;
  let width = 3;
  let enlargeIn = 4;
  for (let i = 0; i < codes; i++) {
    put(size++, width);
    if (--enlargeIn === 0) enlargeIn = 2 ** width++;
  }
  put(2, width);
  while (bits.length % 6) bits.push(0);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
  let out = '';
  for (let i = 0; i < bits.length; i += 6) {
    let v = 0;
    for (let j = 0; j < 6; j++) v = v * 2 + bits[i + j];
    out += alphabet[v];
  }
  return out;
}

/** The largest bomb whose link is at most `chars` characters long. */
export function bombOfLength(chars: number): string {
  // Each code takes about log2(codes) bits, six bits a character: search the count.
  let lo = 1;
  let hi = chars * 6;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (bomb(mid).length <= chars) lo = mid;
    else hi = mid - 1;
  }
  return bomb(lo);
}
