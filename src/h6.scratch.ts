import lz from 'lz-string';
const { compressToEncodedURIComponent } = lz;
import { decodeUriLz } from '/work/wt/hostile/src/app/persistence/lz-decode';
let t = performance.now();
let s = '';
for (let i = 0; i < 20000; i++) s += JSON.stringify({ id: 'n' + i, v: Math.random() });
const link = compressToEncodedURIComponent(s);
console.log('compress', (performance.now() - t).toFixed(0), 'link', link.length, 'text', s.length);
t = performance.now();
const r = decodeUriLz(link, { inputChars: 1e9, outputChars: 1e9 });
console.log('decode', (performance.now() - t).toFixed(0), r.ok && r.text === s);
for (let k = 0; k < 3; k++) {
  t = performance.now();
  decodeUriLz(link, { inputChars: 1e9, outputChars: 1e9 });
  console.log('again', (performance.now() - t).toFixed(0));
}
t = performance.now();
lz.decompressFromEncodedURIComponent(link);
console.log('lz-string', (performance.now() - t).toFixed(0));
