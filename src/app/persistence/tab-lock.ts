/**
 * One tab at a time saves the work. The tab that opens first holds a Web Lock for as long as
 * it is open; another tab on the same work is told so and does not autosave, until the person
 * chooses to edit there instead, which asks the holder (over a BroadcastChannel) to save what
 * it has and let go.
 */
const LOCK = 'serverless-sim:saving';
const CHANNEL = 'serverless-sim:tabs';
/**
 * Set in this tab's sessionStorage when a page that holds the lock goes away (reload, or a
 * navigation in the same tab). The next page in the same tab reads it: the lock it finds held
 * may still be its own old page's, which the browser lets go a moment after the new page has
 * started. A duplicated tab copies sessionStorage while the original is still open, so it
 * never finds this mark.
 */
const HANDOVER = 'serverless-sim:saving-handover';
/**
 * How long a page that follows the holder in its own tab waits for the old page to let go.
 * The browser frees it within milliseconds of the old page ending; the bound only matters for
 * a tab restored with the mark while another tab saves (it opens after this wait, told so).
 */
const HANDOVER_WAIT_MS = 5_000;

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

function tabStore(): Storage | null {
  try {
    return typeof sessionStorage !== 'undefined' ? sessionStorage : null;
  } catch {
    return null; // storage blocked: every page starts as a new tab would
  }
}

/** Reads and clears the mark the previous page in this tab left if it was saving. */
function takeHandover(): boolean {
  const store = tabStore();
  try {
    const mark = store?.getItem(HANDOVER) ?? null;
    store?.removeItem(HANDOVER);
    return mark !== null;
  } catch {
    return false;
  }
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
  /** After `onFreed`: another tab (often the one that saved, reloaded) saves again. */
  onHeldElsewhere?(): void;
}): Promise<TabLock> {
  if (!locksAvailable()) return { held: true, takeOver: async () => undefined };
  let release: Release | null = null;
  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(CHANNEL) : null;

  /** `within`: wait in the lock's queue at most this long (ms); 0 asks only if it is free now. */
  const hold = (within: number | 'forever') =>
    new Promise<boolean>((granted) => {
      const options: LockOptions =
        within === 'forever'
          ? {}
          : within > 0
            ? { signal: AbortSignal.timeout(within) }
            : { ifAvailable: true };
      navigator.locks
        .request(LOCK, options, (lock) => {
          if (!lock) {
            granted(false);
            return undefined;
          }
          granted(true);
          channel?.postMessage({ type: 'holding' });
          return new Promise<void>((r) => (release = r));
        })
        .catch(() => granted(false)); // the wait timed out: someone else holds it
    });

  const state = {
    held: await hold(takeHandover() ? HANDOVER_WAIT_MS : 0),
    takingOver: false,
    /** This tab was told the saving tab closed (`onFreed`) and nobody has taken it since. */
    freed: false,
  };
  /**
   * While another tab saves, wait in the lock's queue: the lock comes free when that tab
   * closes. It is let go at once (this tab does not start saving by itself: its diagram may be
   * older than what the other tab saved) and the person is asked.
   */
  const watch = () => {
    void navigator.locks.request(LOCK, () => {
      if (state.held || state.takingOver) return undefined;
      state.freed = true;
      handlers.onFreed?.();
      return undefined;
    });
  };
  if (!state.held) watch();
  channel?.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
    if (e.data?.type === 'holding' && !state.held && state.freed) {
      // The lock came free because the saving tab reloaded, and its new page holds it again.
      state.freed = false;
      handlers.onHeldElsewhere?.();
      watch();
      return;
    }
    if (e.data?.type !== 'takeOver' || !state.held) return;
    void handlers.beforeRelease().finally(() => {
      state.held = false;
      release?.();
      release = null;
      handlers.onLost();
      watch();
    });
  });
  // Leaving while saving: the next page in this tab is the same person's work (see HANDOVER).
  window.addEventListener('pagehide', () => {
    if (!state.held) return;
    try {
      tabStore()?.setItem(HANDOVER, '1');
    } catch {
      // storage blocked: the next page asks as a new tab would
    }
  });
  return {
    get held() {
      return state.held;
    },
    async takeOver() {
      if (state.held) return;
      state.takingOver = true;
      state.freed = false;
      channel?.postMessage({ type: 'takeOver' });
      try {
        state.held = await hold('forever');
      } finally {
        state.takingOver = false;
      }
    },
  };
}
