import { source } from './sources';
import type { Check, Finding } from './types';
import { andList } from './words';

/** At most two processes should read one DynamoDB stream shard at a time [L-DDB] [DDB-NOTES]. */
const MAX_READERS = 2;

export const streamReaders: Check = {
  name: 'stream-readers',
  run(ctx) {
    const out: Finding[] = [];
    for (const t of ctx.scenario.nodes) {
      if (t.kind !== 'table') continue;
      const readers = ctx.outgoing(t.id).filter((e) => e.role === 'invoke');
      if (readers.length <= MAX_READERS) continue;
      const tn = ctx.label(t.id);
      // A pipe reads a stream with the same shard poller as a function's event source mapping.
      const kinds = new Set(readers.map((e) => ctx.node(e.target).kind));
      const who =
        kinds.size > 1 ? 'readers (functions and pipes)' : kinds.has('pipe') ? 'pipes' : 'functions';
      out.push({
        id: `stream-readers:${t.id}`,
        check: 'stream-readers',
        severity: 'warning',
        message: `${readers.length} ${who} read ${tn}'s stream (${andList(readers.map((e) => ctx.label(e.target)))}), but more than ${MAX_READERS} readers of one shard get throttled: read it with one of them and fan out from there through SNS or EventBridge.`,
        nodeIds: [t.id, ...readers.map((e) => e.target)],
        edgeIds: readers.map((e) => e.id),
        source: source('[L-DDB] [DDB-NOTES]'),
      });
    }
    return out;
  },
};
