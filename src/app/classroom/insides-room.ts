import type { Internals } from './internals';

/**
 * How much room (screen px) presentation mode keeps under the diagram for what the replay draws
 * under its nodes, in 24 px type: at least the 160 px a function's environments need, more for
 * a stream's shards (a line and a bar each, per reader, as draw-insides.ts lays them out) or a
 * queue's readers, at most 30 % of the window's height (the diagram must stay legible too).
 */
const FONT = 24;
const LINE = FONT + 2;
const MIN = 160;

export function insidesRoom(internals: Internals, windowHeight: number): number {
  let most = MIN;
  for (const nt of internals.others.values()) {
    const readers = nt.info.readers?.length ?? 0;
    let h = 0;
    if (nt.info.shards !== undefined) {
      const many = Math.max(1, readers) > 1;
      const shown = Math.min(nt.info.shards, many ? Math.max(2, Math.floor(8 / readers)) : 8);
      // Per reader: its name, then per shard a line of words, its lanes' bars and a gap; one
      // shard may say "failed batch held" on a second line.
      const lanes = (r: number) => nt.info.lanesPerShard?.[r] ?? 1;
      for (let r = 0; r < Math.max(1, readers); r++)
        h += (many ? LINE : 0) + shown * (LINE + lanes(r) * 10 + 3) + LINE;
    } else if (nt.info.kind === 'queue') h = 3 * LINE + readers * LINE + 20;
    most = Math.max(most, h + 12);
  }
  return Math.round(Math.min(most, windowHeight * 0.3));
}
