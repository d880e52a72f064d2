import { create } from 'zustand';
import { del, get, set } from 'idb-keyval';
import { useNotices } from '../canvas/notices';
import { replaceWithoutHistory } from '../store/scenario-history';
import { normalizeDoc, type ScenarioDoc } from '../store/scenario-doc';
import { useScenarioStore } from '../store/scenario';
import { acceptScenario } from './file-io';
import { decodeShare } from './share-link';

/**
 * Where the scenario on screen is saved. The person's own work lives under WORK_KEY. A share
 * link opens as a separate scenario saved under SHARED_KEY (with the link it came from), so
 * opening someone's link never overwrites your work, and edits to the shared copy survive a
 * reload too.
 */
export const WORK_KEY = 'serverless-sim:work';
export const SHARED_KEY = 'serverless-sim:shared';
const SAVE_DELAY_MS = 300;

type Mode = 'work' | 'shared';
interface SessionState {
  /** False until saved work (or the link) has been read: nothing is saved before that. */
  ready: boolean;
  mode: Mode;
  /** A broken share link: its problems, shown in a dialog. */
  linkErrors: string[] | null;
  dismissLinkErrors(): void;
  /** Leave the shared scenario and reopen your own work. */
  backToWork(): Promise<void>;
  /** Make the shared scenario your work (replacing what was saved). */
  keepShared(): Promise<void>;
}

interface SharedCopy {
  hash: string;
  doc: ScenarioDoc;
}

function clearHash() {
  history.replaceState(null, '', `${location.pathname}${location.search}`);
}

export const useSession = create<SessionState>()((setState) => ({
  ready: false,
  mode: 'work',
  linkErrors: null,
  dismissLinkErrors: () => setState({ linkErrors: null }),
  async backToWork() {
    // The shared copy is being left: its pending save is dropped, not written.
    if (timer) clearTimeout(timer);
    timer = null;
    pending = null;
    const saved = await get<unknown>(WORK_KEY);
    clearHash();
    setState({ mode: 'work' });
    // With nothing saved yet, the scenario on screen simply becomes the work.
    if (saved) replaceWithoutHistory(saved);
    else await set(WORK_KEY, useScenarioStore.getState().doc);
    await del(SHARED_KEY);
  },
  async keepShared() {
    clearHash();
    setState({ mode: 'work' });
    await set(WORK_KEY, useScenarioStore.getState().doc);
    await del(SHARED_KEY);
    useNotices.getState().show('This scenario is now your saved work.');
  },
}));

let timer: ReturnType<typeof setTimeout> | null = null;
let pending: (() => Promise<void>) | null = null;

async function flush() {
  if (timer) clearTimeout(timer);
  timer = null;
  const job = pending;
  pending = null;
  if (job) await job();
}

function scheduleSave(doc: ScenarioDoc) {
  const { mode } = useSession.getState();
  const hash = location.hash;
  pending = () =>
    mode === 'work' ? set(WORK_KEY, doc) : set(SHARED_KEY, { hash, doc } satisfies SharedCopy);
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void flush(), SAVE_DELAY_MS);
}

/**
 * Opens what the page was opened with: a share link if the URL has one, else the saved work,
 * else (first visit) the default template already in the store. Then saves every change.
 */
export async function startSession(): Promise<void> {
  const link = decodeShare(location.hash);
  let opened = false;
  if (link) {
    const accepted = link.ok ? acceptScenario(link.json) : { ok: false as const, errors: [link.message] };
    if (accepted.ok) {
      // Reloading a link you have edited brings back your edits, not the original.
      const copy = await get<SharedCopy>(SHARED_KEY).catch(() => undefined);
      replaceWithoutHistory(copy && copy.hash === location.hash ? normalizeDoc(copy.doc) : accepted.doc);
      useSession.setState({ mode: 'shared' });
      opened = true;
    } else {
      useSession.setState({ linkErrors: accepted.errors });
      clearHash();
    }
  }
  if (!opened) {
    const saved = await get<unknown>(WORK_KEY).catch(() => undefined);
    // Saved work is restored as it was, even mid-edit with problems: work is never lost.
    if (saved && typeof saved === 'object') replaceWithoutHistory(saved);
  }
  useSession.setState({ ready: true });
  useScenarioStore.subscribe((s, prev) => {
    if (s.doc !== prev.doc) scheduleSave(s.doc);
  });
  // The browser may drop a tab without warning: write what is pending when it is hidden.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flush();
  });
  window.addEventListener('pagehide', () => void flush());
}
