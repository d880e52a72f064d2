/**
 * The recharts plots load on demand, once: the first chart to be drawn asks for them, and
 * the mount queue (mount-queue.tsx) waits for them before mounting a chart, so a chart never
 * mounts half-way and suspends. The results dock also asks when the page is idle and no
 * run is going on (evaluating the chunk is one long main-thread task: better then than
 * during a run or as its results appear).
 */
export type Plots = typeof import('./plots');

let plots: Plots | null = null;
let loading: Promise<Plots> | null = null;

export function loadPlots(): Promise<Plots> {
  loading ??= import('./plots').then((m) => (plots = m));
  return loading;
}

/** The plots when loaded; null before. */
export function plotsNow(): Plots | null {
  return plots;
}
