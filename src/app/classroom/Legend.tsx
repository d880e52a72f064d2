import { DOT_LOOKS, DOT_ORDER, DotIcon } from './dot-style';
import type { ReplayData } from './replay-data';
import { DEFAULT_RECORD_LIMIT, recordCapText } from '../../engine/sim/recorder';
import { NOT_AT_T } from './counters';

const RECORD_CAP = recordCapText(DEFAULT_RECORD_LIMIT);

/** Names every dot and every mark the replay draws (only the marks this run can show). */
export function Legend({ data, className = 'playback__legend' }: { data: ReplayData; className?: string }) {
  const functions = data.internals.functions.size > 0;
  const others = [...data.internals.others.values()].map((n) => n.info);
  const streams = others.some((n) => n.shards !== undefined);
  const queueReaders = others.some((n) => n.kind === 'queue' && (n.readers?.length ?? 0) > 0);
  const hosts = others.some((n) => n.launchType === 'ec2' || n.launchType === 'eks');
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
          <li
            className="legend-provisioned--letter"
            title="A provisioned environment is marked P: it never has a cold start"
          >
            P = provisioned
          </li>
          <li
            className="legend-provisioned--square"
            title="A provisioned environment is green with a solid centre: it never has a cold start"
          >
            <span className="slot slot--provisioned" aria-hidden="true" /> provisioned
          </li>
          <li title="The line under a function: environments in use against its concurrency limit">
            line under a function = concurrency / limit
          </li>
        </>
      ) : null}
      {others.length > 0 ? (
        <li
          className="playback__slots"
          title={`Under queues, streams, servers and container services: what is inside them at this moment, exactly, from the engine's recording (it keeps at most ${RECORD_CAP} of changes per part, enough for every shipped template's whole run)`}
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
      {queueReaders ? (
        <li title="Under a queue, after → and the reader's name: one box per batch, with its messages">
          <span className="batch-box" aria-hidden="true">
            10
          </span>{' '}
          a reader's batch in a call{' '}
          <span className="batch-box batch-box--gathering" aria-hidden="true">
            4
          </span>{' '}
          being gathered (batch window)
        </li>
      ) : null}
      {hosts ? (
        <li title="ECS on EC2 and EKS: the tasks drawn inside the frame of the EC2 instance they sit on">
          <span className="host-frame" aria-hidden="true" /> EC2 host{' '}
          <span className="host-frame host-frame--launching" aria-hidden="true" /> host launching
        </li>
      ) : null}
      <li title="Dots above a node wait there: the request is being handled by that node">
        dots above a node = requests inside it
      </li>
      {/* Presenting, nodes carry no per-node "not counted at t" mark (it would make them taller and
          the fitted view smaller): the key says it once instead, while some node has one (CSS). */}
      <li className="legend-not-at-t" title={NOT_AT_T} data-testid="legend-not-at-t">
        a figure not counted at t is left off until the replay closes
      </li>
    </ul>
  );
}
