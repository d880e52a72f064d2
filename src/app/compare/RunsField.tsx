import { REPLICATION_CHOICES } from '../../engine/stats/replications';
import { useCompare } from './compare-store';

/**
 * Runs per design (and per sweep point) with different seeds, the same seeds for every
 * design: with two or more, differences and crossovers get their 95 % intervals.
 */
export function RunsField({ disabled }: { disabled?: boolean }) {
  const replications = useCompare((s) => s.replications);
  const choices = REPLICATION_CHOICES.includes(replications as never)
    ? REPLICATION_CHOICES
    : [...REPLICATION_CHOICES, replications].sort((a, b) => a - b);
  return (
    <label className="compare-field">
      <span>Runs per design</span>
      <select
        className="input"
        value={replications}
        disabled={disabled}
        title="Runs with different seeds (the same for every design): two or more give each figure a 95 % interval"
        onChange={(e) => useCompare.getState().setRunSettings({ replications: Number(e.target.value) })}
      >
        {choices.map((n) => (
          <option key={n} value={n}>
            {n === 1 ? '1 (no interval)' : n}
          </option>
        ))}
      </select>
    </label>
  );
}
