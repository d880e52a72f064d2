import { DOT_LOOKS, DOT_ORDER, DotIcon } from './dot-style';
import type { ReplayData } from './replay-data';

/** Names every dot and every mark the replay draws (only the marks this run can show). */
export function Legend({ data, className = 'playback__legend' }: { data: ReplayData; className?: string }) {
  const functions = data.internals.functions.size > 0;
  const others = [...data.internals.others.values()].map((n) => n.info);
  const streams = others.some((n) => n.shards !== undefined);
  return (
    <ul className={className} aria-label="What the dots and marks mean">
      {DOT_ORDER.map((s) => (
        <li key={s} title={DOT_LOOKS[s].help}>
          <DotIcon style={s} /> {DOT_LOOKS[s].name}
        </li>
      ))}
      {functions ? (
        <>
          <li className="playback__slots" title="Under each function: its execution environments">
            <span className="slot slot--busy" aria-hidden="true" /> busy{' '}
            <span className="slot slot--starting" aria-hidden="true" /> starting{' '}
            <span className="slot slot--idle" aria-hidden="true" /> idle (keep-alive left)
          </li>
          <li title="A provisioned environment is marked P: it never has a cold start">P = provisioned</li>
          <li title="The line under a function: environments in use against its concurrency limit">
            line under a function = concurrency / limit
          </li>
        </>
      ) : null}
      {others.length > 0 ? (
        <li
          className="playback__slots"
          title="Under queues, streams, servers and container services: what is inside them at this moment"
        >
          <span className="slot slot--busy" aria-hidden="true" /> being handled{' '}
          <span className="slot slot--waiting" aria-hidden="true" /> waiting{' '}
          <span className="slot" aria-hidden="true" /> free slot
          {streams ? (
            <>
              {' '}
              <span className="slot slot--held" aria-hidden="true" /> failed batch held
            </>
          ) : null}
        </li>
      ) : null}
      <li title="Dots above a node wait there: the request is being handled by that node">
        dots above a node = requests inside it
      </li>
    </ul>
  );
}
