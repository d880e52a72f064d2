/**
 * The same workload run several times in one fresh process, as the app's worker runs a learner's
 * repeated runs: CPU ms of each run. run.ts starts it in a child process (its own process has
 * compiled the engine's code long before). A second run of SQS → function took about twice the
 * CPU of the third (V8 deoptimises code it compiled during the first run when the second
 * starts: "wrong map" deopts in FunctionRuntime's methods, seen with --trace-deopt; the cause
 * is not found yet, see the README).
 *
 *   node --import tsx test/bench/repeat-runs.ts [runs] [simulated seconds]
 */
import { Simulation } from '../../src/engine/simulate';
import { MESSAGING_WORKLOADS, apiFunctionScenario } from './workloads';

export interface RepeatFigures {
  case: string;
  cpuMs: number[];
}

function cpuOf(doc: unknown): number {
  const c0 = process.cpuUsage();
  const sim = Simulation.create(doc, {});
  while (!sim.step(1 << 20));
  sim.result();
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1000;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = Number(process.argv[2] ?? 4);
  const seconds = Number(process.argv[3] ?? 300);
  const cases: [string, () => unknown][] = [
    [`${MESSAGING_WORKLOADS[0].label}, 500/s, ${seconds} s`, () => MESSAGING_WORKLOADS[0].make(500, seconds)],
    [`API → function, 1,000 req/s, ${seconds} s`, () => apiFunctionScenario(1000, seconds)],
  ];
  // Each case in a process of its own would be cleaner still; the SQS case runs first, fresh.
  const out: RepeatFigures[] = cases.map(([name, make]) => ({
    case: name,
    cpuMs: Array.from({ length: runs }, () => Math.round(cpuOf(make()))),
  }));
  console.log(JSON.stringify(out));
}
