/**
 * One bench case in a process of its own, for against.ts: two warm-up runs of the workload, the
 * reference beside it, then the measured run; prints one JSON line. Runs in this tree or in
 * an older engine's tree that against.ts unpacked (it imports only the engine's public
 * Simulation and this folder's workloads and reference, which it brings along).
 *
 *   node --import tsx test/bench/case.ts <api|sqs|sns|kinesis|eventbridge|ec2> <seconds>
 */
import { Simulation } from '../../src/engine/simulate';
import { runReference } from './reference';
import { MESSAGING_WORKLOADS, apiFunctionScenario } from './workloads';

const CASES: Record<string, { label: string; make: (rate: number, seconds: number) => unknown }> = {
  api: { label: 'API → function, 1,000 req/s', make: (_rate, s) => apiFunctionScenario(1000, s) },
  sqs: { label: MESSAGING_WORKLOADS[0].label, make: MESSAGING_WORKLOADS[0].make },
  sns: { label: MESSAGING_WORKLOADS[1].label, make: MESSAGING_WORKLOADS[1].make },
  kinesis: { label: MESSAGING_WORKLOADS[2].label, make: MESSAGING_WORKLOADS[2].make },
  eventbridge: { label: MESSAGING_WORKLOADS[3].label, make: MESSAGING_WORKLOADS[3].make },
  ec2: { label: MESSAGING_WORKLOADS[4].label, make: MESSAGING_WORKLOADS[4].make },
};

function run(doc: unknown): { requests: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const sim = Simulation.create(doc, { maxWallMs: 30 * 60_000 });
  while (!sim.step(1 << 20));
  const d = process.cpuUsage(c0);
  return { requests: sim.result().totals.requests, cpuMs: (d.user + d.system) / 1000 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [name, secondsArg] = process.argv.slice(2);
  const c = CASES[name];
  if (!c) {
    console.error(`usage: case.ts <${Object.keys(CASES).join('|')}> <seconds>`);
    process.exit(2);
  }
  const seconds = Number(secondsArg);
  // The messaging workloads run at 500/s; the API case at 1,000/s (its rate is fixed above).
  // Two warm-up runs: the second run of a workload in a process is still slow (V8 throws away
  // code compiled for the first run's object shapes: 'wrong map' and dependency deopts at its
  // start), the third is steady; SQS → function measures about half its speed on a second run.
  run(c.make(500, Math.min(seconds, 600) / 5));
  run(c.make(500, Math.min(seconds, 600) / 5));
  const ref = runReference(1000, name === 'api' ? seconds : 600);
  const eng = run(c.make(500, seconds));
  const perCpuS = eng.requests / (eng.cpuMs / 1000);
  const refPerCpuS = ref.requests / (ref.cpuMs / 1000);
  console.log(JSON.stringify({ case: name, kReqPerCpuS: perCpuS / 1000, ofRef: perCpuS / refPerCpuS }));
}
