import { create } from 'zustand';
import { del as idbDel, get as idbGet, set as idbSet } from 'idb-keyval';
import { useNotices } from '../canvas/notices';
import { replaceWithoutHistory } from '../store/scenario-history';
import { normalizeDoc, type ScenarioDoc } from '../store/scenario-doc';
import { useScenarioStore } from '../store/scenario';
import { acceptScenario } from './file-io';
import { decodeShare } from './share-link';
import { openTabLock, type TabLock } from './tab-lock';
import { nextVersions, readVersions, type SavedVersion } from './versions';

/**
 * Where the scenario on screen is saved. The person's own work lives under WORK_KEY. A share
 * link opens as a separate scenario saved under SHARED_KEY (with the link it came from), so
 * opening someone's link never overwrites your work, and edits to the shared copy survive a
 * reload too.
 */
export const WORK_KEY = 'serverless-sim:work';
export const SHARED_KEY = 'serverless-sim:shared';
/** The last saves of the work (versions.ts), restorable after a reload. */
export const VERSIONS_KEY = 'serverless-sim:versions';
const SAVE_DELAY_MS = 300;

type Mode = 'work' | 'shared';
/**
 * here: this tab saves. otherTab: another tab on the same work saves, this one does not.
 * failed: the browser refused to save (storage blocked or full); the work stays in this tab.
 */
export type Saving = 'here' | 'otherTab' | 'failed';

interface SessionState {
  saving: Saving;
  /** Why saving stopped, in the person's words, when it did. */
  savingNote: string | null;
  /** Save here instead of the other tab (which saves what it has first). */
  saveHere(): Promise<void>;
  /** The saved versions of the work, oldest first. */
  versions(): Promise<SavedVersion[]>;
  /** Bring back a saved version (an undoable edit; what is on screen is already saved). */
  restore(version: SavedVersion): void;
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
  saving: 'here',
  savingNote: null,
  async saveHere() {
    await tabLock?.takeOver();
    if (!tabLock?.held) return;
    setState({ saving: 'here', savingNote: null });
    scheduleSave(useScenarioStore.getState().doc);
    await flush();
  },
  async versions() {
    return readVersions(await get<unknown>(VERSIONS_KEY).catch(() => undefined)).reverse();
  },
  restore(version) {
    useScenarioStore.getState().load(version.doc);
  },
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

/**
 * idb-keyval opens the database on first use and, where IndexedDB is denied, throws right
 * away instead of rejecting: these turn that into a rejection the callers handle.
 */
const get = <T>(key: string) => Promise.resolve().then(() => idbGet<T>(key));
const set = (key: string, value: unknown) => Promise.resolve().then(() => idbSet(key, value));
const del = (key: string) => Promise.resolve().then(() => idbDel(key));

let timer: ReturnType<typeof setTimeout> | null = null;
let pending: (() => Promise<void>) | null = null;
let tabLock: TabLock | null = null;
/** Tells this tab's versions from another's. */
const TAB_ID = Math.random().toString(36).slice(2, 10);

/** The browser refused a write: say so once, keep the work in memory. */
function storageFailed(e: unknown) {
  const full = e instanceof DOMException && e.name === 'QuotaExceededError';
  useSession.setState({
    saving: 'failed',
    savingNote: full
      ? 'The browser storage for this page is full, so your diagram is no longer saved automatically.'
      : 'This browser does not let the page save (private mode or blocked storage), so your diagram is not saved automatically.',
  });
}

async function saveWork(doc: ScenarioDoc) {
  await set(WORK_KEY, doc);
  const versions = readVersions(await get<unknown>(VERSIONS_KEY));
  await set(VERSIONS_KEY, nextVersions(versions, doc, TAB_ID, Date.now()));
}

async function flush() {
  if (timer) clearTimeout(timer);
  timer = null;
  const job = pending;
  pending = null;
  if (job) await job();
}

function scheduleSave(doc: ScenarioDoc) {
  const { mode, saving } = useSession.getState();
  // Another tab saves this work, or storage refused: nothing is written (the banner says so).
  if (saving !== 'here') return;
  const hash = location.hash;
  pending = () =>
    (mode === 'work' ? saveWork(doc) : set(SHARED_KEY, { hash, doc } satisfies SharedCopy)).catch(
      storageFailed,
    );
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void flush(), SAVE_DELAY_MS);
}

/**
 * Opens what the page was opened with: a share link if the URL has one, else the saved work,
 * else (first visit) the default template already in the store. Then saves every change.
 */
export async function startSession(): Promise<void> {
  tabLock = await openTabLock({
    beforeRelease: flush,
    onLost: () =>
      useSession.setState({
        saving: 'otherTab',
        savingNote:
          'Another tab took over saving this diagram. What you did here up to now is saved (see History).',
      }),
  });
  if (!tabLock.held)
    useSession.setState({
      saving: 'otherTab',
      savingNote: 'This diagram is open in another tab, which saves it. Changes made here are not saved.',
    });
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
    const saved = await get<unknown>(WORK_KEY).catch((e: unknown) => {
      storageFailed(e);
      return undefined;
    });
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
