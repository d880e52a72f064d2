/**
 * The CLI's promise (README): exit 0, 1 or 2 and a readable line, never a stack trace. An
 * error nobody foresaw still gets one line naming what failed, and exit 1.
 */
export async function runCommand(main: (argv: string[]) => number | Promise<number>): Promise<void> {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (e) {
    const what = e instanceof Error ? e.message : String(e);
    console.error(`error: ${what.split('\n')[0]} (a fault in the simulator, not in your input)`);
    process.exitCode = 1;
  }
}

/**
 * SIGINT (Ctrl-C) and SIGTERM ask the run to stop: it ends at the next slice and prints what
 * it measured. A second signal exits at once. Returns a function removing the handlers.
 */
export function onStopSignal(stop: (signal: string) => void): () => void {
  let asked = false;
  const handler = (signal: NodeJS.Signals) => {
    if (asked) process.exit(1);
    asked = true;
    stop(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/** Lets signal handlers and timers run between slices of a synchronous computation. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
