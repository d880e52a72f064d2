import { useMemo } from 'react';
import { fmtDuration } from '../results/format';
import { colorOf } from './compare-colors';
import { useCompare } from './compare-store';
import { NumberField } from './NumberField';
import { ProgressBar } from './ProgressBar';
import { RunsField } from './RunsField';
import { SideBySide } from './SideBySide';
import { plural } from './sweep-words';

/** Side by side: one run of each scenario with the same duration and seed. */
export function SideSection() {
  const entries = useCompare((s) => s.entries);
  const side = useCompare((s) => s.side);
  const durationSeconds = useCompare((s) => s.durationSeconds);
  const seed = useCompare((s) => s.seed);
  const sweepRunning = useCompare((s) => s.sweep.phase === 'running');
  const running = side.status === 'running';
  const settings = useCompare.getState().setRunSettings;
  const columns = useMemo(
    () =>
      side.entries.map((entry, i) => {
        const o = side.outcomes[i];
        const result = o && (o.status === 'done' || o.status === 'cancelled') ? o.result : null;
        const note = !o
          ? 'running…'
          : o.status === 'error'
            ? `failed: ${o.error.message}`
            : o.status === 'cancelled' && !result
              ? 'stopped'
              : '';
        const at = entries.findIndex((e) => e.key === entry.key);
        return { entry, result, note, color: colorOf(at >= 0 ? at : i) };
      }),
    [side, entries],
  );
  const text =
    side.status === 'idle'
      ? 'Not run yet.'
      : running
        ? `Running: ${side.done} of ${side.entries.length} scenarios`
        : side.status === 'cancelled'
          ? 'Stopped.'
          : `Done: ${plural(side.entries.length, 'scenario')}, ${fmtDuration(side.durationSeconds)} each${side.replications > 1 ? `, ${side.replications} runs of each with the same seeds` : ''}.`;
  return (
    <section className="compare-section" aria-label="Side by side">
      <form
        className="compare-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running) void useCompare.getState().runSideBySide();
        }}
      >
        <NumberField
          label="Duration"
          unit="s"
          value={durationSeconds}
          onChange={(d) => settings({ durationSeconds: d })}
          min={10}
          max={30 * 86_400}
          step={1}
          disabled={running}
        />
        <NumberField
          label="Seed"
          value={seed}
          onChange={(s) => settings({ seed: Math.round(s) })}
          min={0}
          max={4294967295}
          step={1}
          disabled={running}
        />
        <RunsField disabled={running} />
        <div className="compare-actions">
          {running ? (
            <button
              type="button"
              className="button button--danger"
              onClick={() => useCompare.getState().cancel()}
            >
              <span aria-hidden="true">■</span> Stop
            </button>
          ) : (
            <button
              type="submit"
              className="button button--primary"
              disabled={entries.length === 0 || sweepRunning}
            >
              <span aria-hidden="true">▶</span> Run side by side
            </button>
          )}
        </div>
      </form>
      <ProgressBar
        label="Side-by-side progress"
        fraction={side.entries.length ? side.done / side.entries.length : 0}
        text={text}
      />
      {side.entries.length > 0 ? (
        <SideBySide
          columns={columns}
          durationSeconds={side.durationSeconds}
          replications={side.replications}
        />
      ) : null}
    </section>
  );
}
