import type { ScenarioEdge } from '../scenario/schema';

/**
 * One loop (as node ids, first repeated at the end) per strongly connected part of the graph,
 * e.g. function → topic → the same function. Tarjan's algorithm, then a shortest way round.
 */
export function feedbackLoops(edges: readonly Pick<ScenarioEdge, 'source' | 'target'>[]): string[][] {
  const next = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const e of edges) {
    const pair = JSON.stringify([e.source, e.target]);
    if (seen.has(pair)) continue;
    seen.add(pair);
    const list = next.get(e.source);
    if (list) list.push(e.target);
    else next.set(e.source, [e.target]);
  }
  const loops: string[][] = [];
  for (const part of stronglyConnected(next)) {
    const start = part[0];
    if (part.length === 1 && !(next.get(start) ?? []).includes(start)) continue;
    loops.push(shortestLoop(start, new Set(part), next));
  }
  return loops;
}

/**
 * Tarjan's algorithm with an explicit stack instead of recursion, so a chain or a ring of
 * 10,000 nodes cannot overflow the call stack.
 */
function stronglyConnected(next: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const parts: string[][] = [];
  let counter = 0;
  // Each frame: a node and how many of its successors have been looked at.
  const frames: { v: string; i: number }[] = [];
  const enter = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    frames.push({ v, i: 0 });
  };
  for (const root of next.keys()) {
    if (index.has(root)) continue;
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const v = frame.v;
      const successors = next.get(v) ?? [];
      if (frame.i < successors.length) {
        const w = successors[frame.i++];
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const part: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          part.push(w);
        } while (w !== v);
        parts.push(part.reverse());
      }
    }
  }
  return parts;
}

function shortestLoop(start: string, within: Set<string>, next: Map<string, string[]>): string[] {
  const from = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i];
    for (const w of next.get(v) ?? []) {
      if (w === start) {
        const back: string[] = [];
        for (let u = v; u !== start; u = from.get(u)!) back.push(u);
        return [start, ...back.reverse(), start];
      }
      if (within.has(w) && !from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
