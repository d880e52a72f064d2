import type { Internals, NodeTracks } from './internals';

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
  for (const nt of internals.others.values()) most = Math.max(most, roomOf(nt));
  return Math.round(Math.min(most, windowHeight * 0.3));
}

/** The room under one node that draws insides (a node that draws none needs none). */
function roomOf(nt: NodeTracks): number {
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
  else h = MIN - 12;
  return Math.max(MIN, h + 12);
}

/**
 * The room each node needs under it (presentation layout: between a node and the one below it in
 * its column), by node id; nodes that draw no insides are absent. Capped like insidesRoom.
 */
export function insidesRoomByNode(internals: Internals, windowHeight: number): Record<string, number> {
  const cap = windowHeight * 0.3;
  const out: Record<string, number> = {};
  for (const id of internals.functions.keys()) out[id] = Math.round(Math.min(MIN, cap));
  for (const [id, nt] of internals.others) out[id] = Math.round(Math.min(roomOf(nt), cap));
  return out;
}
