import * as Comlink from 'comlink';
import type { EngineApi, PackedOutcome } from './engine-api';
import type { ProgressListener, RunOptions, RunOutcome } from './protocol';
import { unpackSeries } from './series-transfer';

/** The main thread's handle on the engine. One run at a time; a new run cancels the last. */
export interface EngineClient {
  /** Never rejects: validation errors, engine crashes and a dead worker come back as outcomes. */
  run(scenario: unknown, options: RunOptions, onProgress?: ProgressListener): Promise<RunOutcome>;
  /** Stops the current run; its promise then settles as 'cancelled'. */
  cancel(): void;
  /** Ends the worker; a later run starts a new one. */
  dispose(): void;
}

/** A running worker, whatever its flavour (a browser Worker, a Node worker_threads Worker). */
export interface EngineHost {
  endpoint: Comlink.Endpoint;
  /** Calls back when the worker dies or fails outside a run's own error handling. */
  onCrash(listener: (message: string) => void): void;
  terminate(): void;
}

export interface ClientOptions {
  /**
   * How long a cancelled run may take to reach a slice boundary before the worker is killed
   * and replaced. Slices are ~25 ms, so only a wedged engine ever hits this.
   */
  cancelGraceMs?: number;
}

interface CurrentRun {
  id: number;
  settle(outcome: RunOutcome): void;
  killTimer?: ReturnType<typeof setTimeout>;
}

export function createEngineClient(spawn: () => EngineHost, options: ClientOptions = {}): EngineClient {
  const cancelGraceMs = options.cancelGraceMs ?? 3_000;
  let host: EngineHost | null = null;
  let api: Comlink.Remote<EngineApi> | null = null;
  let current: CurrentRun | null = null;
  let nextId = 1;

  function ensureApi(): Comlink.Remote<EngineApi> {
    if (host && api) return api;
    const h = spawn();
    host = h;
    api = Comlink.wrap<EngineApi>(h.endpoint);
    h.onCrash((message) => {
      if (host !== h) return; // a worker we already replaced
      kill();
      current?.settle({
        status: 'error',
        error: { kind: 'crash', message: `The simulation worker stopped: ${message}` },
      });
    });
    return api;
  }

  function kill(): void {
    const h = host;
    const a = api;
    host = null;
    api = null;
    a?.[Comlink.releaseProxy]();
    h?.terminate();
  }

  function run(
    scenario: unknown,
    runOptions: RunOptions,
    onProgress?: ProgressListener,
  ): Promise<RunOutcome> {
    if (current) {
      // Superseded: the worker drops it at its next slice (runs interleave there), and its
      // caller hears now rather than after the worker gets round to it.
      const old = current;
      void api?.cancel(old.id).catch(() => undefined);
      old.settle({ status: 'cancelled', result: null });
    }
    const id = nextId++;
    return new Promise<RunOutcome>((resolve) => {
      const me: CurrentRun = {
        id,
        settle(outcome) {
          if (current !== me) return;
          clearTimeout(me.killTimer);
          current = null;
          resolve(outcome);
        },
      };
      current = me;
      let remote: Comlink.Remote<EngineApi>;
      try {
        remote = ensureApi();
      } catch (err) {
        me.settle({
          status: 'error',
          error: { kind: 'crash', message: `Could not start the simulation worker: ${messageOf(err)}` },
        });
        return;
      }
      const progress = onProgress ? Comlink.proxy((f: number) => current === me && onProgress(f)) : undefined;
      remote.run(id, scenario, runOptions, progress).then(
        (packed) => {
          const outcome = unpackOutcome(packed);
          // The last progress call travels on its own port and may arrive after the answer:
          // a finished run reports completion here so the listener always ends at 1.
          if (outcome.status === 'done' && current === me) onProgress?.(1);
          me.settle(outcome);
        },
        // Only transport failures land here (the API itself never throws): e.g. a scenario
        // holding something structured clone cannot copy, or a worker that was terminated.
        (err) => me.settle({ status: 'error', error: { kind: 'crash', message: messageOf(err) } }),
      );
    });
  }

  function cancel(): void {
    const run = current;
    if (!run || run.killTimer !== undefined) return;
    void api?.cancel(run.id).catch(() => undefined);
    run.killTimer = setTimeout(() => {
      if (current !== run) return;
      kill();
      run.settle({ status: 'cancelled', result: null });
    }, cancelGraceMs);
  }

  return {
    run,
    cancel,
    dispose() {
      current?.settle({ status: 'cancelled', result: null });
      kill();
    },
  };
}

/** The packed answer of the worker as the app uses it (series back in plain arrays). */
export function unpackOutcome(outcome: PackedOutcome): RunOutcome {
  switch (outcome.status) {
    case 'done':
      return { status: 'done', result: unpackSeries(outcome.packed) };
    case 'cancelled':
      return { status: 'cancelled', result: outcome.packed ? unpackSeries(outcome.packed) : null };
    case 'error':
      return outcome;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
