/**
 * One tab at a time saves the work. The tab that opens first holds a Web Lock for as long as
 * it is open; another tab on the same work is told so and does not autosave, until the person
 * chooses to edit there instead, which asks the holder (over a BroadcastChannel) to save what
 * it has and let go.
 */
const LOCK = 'serverless-sim:saving';
const CHANNEL = 'serverless-sim:tabs';

type Release = () => void;

export interface TabLock {
  /** True while this tab is the one that saves. */
  readonly held: boolean;
  /** Ask the tab that saves to stop, and save here; resolves once this tab holds the lock. */
  takeOver(): Promise<void>;
}

function locksAvailable(): boolean {
  return typeof navigator !== 'undefined' && 'locks' in navigator && navigator.locks !== undefined;
}

/**
 * `onLost` runs (after `beforeRelease` has saved) when another tab takes over. Without Web
 * Locks (old browsers, tests) every tab saves, as before.
 */
export async function openTabLock(handlers: {
  beforeRelease(): Promise<void>;
  onLost(): void;
  /** The tab that saved was closed: nobody saves now, and this tab may (the person decides). */
  onFreed?(): void;
}): Promise<TabLock> {
  if (!locksAvailable()) return { held: true, takeOver: async () => undefined };
  let release: Release | null = null;
  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(CHANNEL) : null;

  const hold = (wait: boolean) =>
    new Promise<boolean>((granted) => {
      void navigator.locks.request(LOCK, { ifAvailable: !wait }, (lock) => {
        if (!lock) {
          granted(false);
          return undefined;
        }
        granted(true);
        return new Promise<void>((r) => (release = r));
      });
    });

  const state = { held: await hold(false), takingOver: false };
  /**
   * While another tab saves, wait in the lock's queue: the lock comes free when that tab
   * closes. It is let go at once (this tab does not start saving by itself: its diagram may be
   * older than what the other tab saved) and the person is asked.
   */
  const watch = () => {
    void navigator.locks.request(LOCK, () => {
      if (state.held || state.takingOver) return undefined;
      handlers.onFreed?.();
      return undefined;
    });
  };
  if (!state.held) watch();
  channel?.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
    if (e.data?.type !== 'takeOver' || !state.held) return;
    void handlers.beforeRelease().finally(() => {
      state.held = false;
      release?.();
      release = null;
      handlers.onLost();
      watch();
    });
  });
  return {
    get held() {
      return state.held;
    },
    async takeOver() {
      if (state.held) return;
      state.takingOver = true;
      channel?.postMessage({ type: 'takeOver' });
      try {
        state.held = await hold(true);
      } finally {
        state.takingOver = false;
      }
    },
  };
}
