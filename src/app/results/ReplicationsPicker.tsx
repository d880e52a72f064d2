import { REPLICATION_CHOICES, replicationsOf } from '../../engine/stats/replications';
import { useScenarioStore } from '../store/scenario';

/**
 * How many runs with different seeds one press of Run makes (settings.replications): one
 * seed is one sample, several give every figure a 95 % interval.
 */
export function ReplicationsPicker({ disabled }: { disabled?: boolean }) {
  const n = useScenarioStore((s) => replicationsOf(s.doc));
  const setSettings = useScenarioStore((s) => s.setSettings);
  const choices: number[] = REPLICATION_CHOICES.includes(n as (typeof REPLICATION_CHOICES)[number])
    ? [...REPLICATION_CHOICES]
    : [...REPLICATION_CHOICES, n].sort((a, b) => a - b);
  return (
    <label
      className="run-replications"
      title="Runs with different seeds: with more than one, every figure gets a 95 % confidence interval"
    >
      <select
        value={n}
        disabled={disabled}
        aria-label="Runs with different seeds (replications)"
        onChange={(e) => {
          const v = Number(e.target.value);
          setSettings({ replications: v === 1 ? undefined : v });
        }}
      >
        {choices.map((c) => (
          <option key={c} value={c}>
            {c === 1 ? '1 run' : `${c} runs`}
          </option>
        ))}
      </select>
    </label>
  );
}
