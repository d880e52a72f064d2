/**
 * The door's worst cases, timed: share links of the maximum size (a real scenario, a
 * decompression bomb, random characters) through the app's decoder, and files over the limits
 * through the app's import path, refused before deep validation. The aim is under 100 ms each;
 * these are figures for a person to read, not assertions (test/app/share-link-limits.test.ts
 * and door-limits.test.ts check the behaviour).
 */
import lz from 'lz-string';
import { acceptScenario, parseScenarioText } from '../../src/app/persistence/file-io';
import { decodeShare } from '../../src/app/persistence/share-link';
import { LIMITS } from '../../src/engine/scenario/limits';
import { bombOfLength } from '../app/helpers/lz-bomb';

export interface DoorRow {
  case: string;
  inputChars: number;
  /** Median and worst of the repeats, ms. */
  medianMs: number;
  maxMs: number;
  outcome: string;
}

function time(label: string, input: string, fn: () => string, repeats = 7): DoorRow {
  fn(); // warm: the first call also compiles
  const ms: number[] = [];
  let outcome = '';
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    outcome = fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return {
    case: label,
    inputChars: input.length,
    medianMs: ms[repeats >> 1],
    maxMs: ms[repeats - 1],
    outcome,
  };
}

/** A scenario of `n` functions in a chain, with labels and notes that do not compress to nothing. */
function scenarioText(n: number): string {
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `fn${i}`,
    kind: 'function',
    label: `Step ${i} of the order pipeline ${(i * 2654435761) % 1000003}`,
    position: { x: (i % 20) * 240, y: Math.floor(i / 20) * 160 },
    params: {
      memoryMB: 128 + ((i * 64) % 2048),
      duration: { dist: 'lognormal', meanMs: 20 + (i % 300), p99Ms: 3 * (20 + (i % 300)) },
    },
  }));
  const edges = nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: nodes[i].id, target: node.id }));
  return JSON.stringify({ format: 'serverless-sim.scenario', version: 1, name: 'big', nodes, edges });
}

/** The largest chained scenario whose share link stays within the limit. */
function maxSizeLink(): { link: string; chars: number } {
  let lo = 1;
  let hi = 4000;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (lz.compressToEncodedURIComponent(scenarioText(mid)).length <= LIMITS.shareLinkChars) lo = mid;
    else hi = mid - 1;
  }
  const text = scenarioText(lo);
  return { link: lz.compressToEncodedURIComponent(text), chars: text.length };
}

/** Random characters of the link alphabet: a damaged link of the maximum size. */
function randomLink(chars: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
  let s = 0x9e3779b9;
  let out = '';
  for (let i = 0; i < chars; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out += alphabet[(s >>> 16) % 64];
  }
  return out;
}

const share = (link: string) => () => {
  const r = decodeShare(`#s=${link}`)!;
  return r.ok ? `decoded, ${(r.json as { nodes: unknown[] }).nodes.length} nodes` : `refused: ${r.message}`;
};
const file = (text: string) => () => {
  const r = parseScenarioText(text);
  return r.ok ? `accepted, ${r.doc.nodes.length} nodes` : `refused: ${r.errors[0]}`;
};

export function measureDoor(): DoorRow[] {
  const real = maxSizeLink();
  const bomb = bombOfLength(LIMITS.shareLinkChars);
  const random = randomLink(LIMITS.shareLinkChars);
  const tooLong = randomLink(LIMITS.shareLinkChars + 1);
  // 10 MB: a real scenario's text, padded with whitespace past the document limit.
  const tenMB = scenarioText(2000).padEnd(10_000_000, ' ');
  // Just under the size limit, but over the node count: parsed, then refused at the door.
  const tooMany = JSON.stringify({
    version: 1,
    nodes: Array.from({ length: LIMITS.nodes + 1 }, (_, i) => ({
      id: `n${i}`,
      kind: 'topic',
      label: `topic ${i} `.padEnd(400, 'x'),
    })),
  });
  // Just under the size limit, one string over the string limit, deep inside.
  const longString = JSON.stringify({
    version: 1,
    nodes: [{ id: 'f', kind: 'function', label: 'x'.repeat(4_000_000) }],
  });
  return [
    time(
      `share link, max size, a real scenario (${real.chars.toLocaleString('en-US')} chars of JSON)`,
      real.link,
      share(real.link),
    ),
    time('  … then validated as the app opens it (acceptScenario)', real.link, () => {
      const r = acceptScenario((decodeShare(`#s=${real.link}`) as { json: unknown }).json);
      return r.ok ? `accepted, ${r.doc.nodes.length} nodes` : `refused: ${r.errors[0]}`;
    }),
    time('  … lz-string decompressing the same link (reference, no limits)', real.link, () => {
      const text = lz.decompressFromEncodedURIComponent(real.link) ?? '';
      return `${text.length.toLocaleString('en-US')} chars`;
    }),
    time('share link, max size, decompression bomb', bomb, share(bomb)),
    time('share link, max size, random characters', random, share(random)),
    time('share link, one character over the limit', tooLong, share(tooLong)),
    time('file of 10 MB', tenMB, file(tenMB)),
    time(
      `file of ${(tooMany.length / 1e6).toFixed(1)} MB, ${LIMITS.nodes + 1} nodes`,
      tooMany,
      file(tooMany),
    ),
    time(
      `file of ${(longString.length / 1e6).toFixed(1)} MB, one 4,000,000-character label`,
      longString,
      file(longString),
    ),
  ];
}

export function printDoor(rows: DoorRow[]): void {
  console.log('\nAt the door (app decoder and import path, Node; aim: under 100 ms each):');
  for (const r of rows)
    console.log(
      `  ${r.case.padEnd(66)} ${r.inputChars.toLocaleString('en-US').padStart(11)} chars  median ${r.medianMs.toFixed(1).padStart(6)} ms  max ${r.maxMs.toFixed(1).padStart(6)} ms  ${r.outcome.slice(0, 90)}`,
    );
}
