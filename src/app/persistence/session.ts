import { create } from 'zustand';
import { del as idbDel, get as idbGet, set as idbSet, update as idbUpdate } from 'idb-keyval';
import { useNotices } from '../canvas/notices';
import { replaceWithoutHistory } from '../store/scenario-history';
import { emptyScenario, normalizeDoc, type ScenarioDoc } from '../store/scenario-doc';
import { useScenarioStore } from '../store/scenario';
import { acceptScenario } from './file-io';
import { decodeShare } from './share-link';
import { openTabLock, type TabLock } from './tab-lock';
import { defaultTemplate } from './templates';
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
/**
 * A lesson opens as its own document, saved here (never under WORK_KEY), with where to go
 * back to: a reload mid-lesson reopens the lesson and the person's work is untouched.
 */
export const LESSON_KEY = 'serverless-sim:lesson';
const SAVE_DELAY_MS = 300;

type Mode = 'work' | 'shared' | 'lesson';

/** The view of a diagram: React Flow's viewport, whether the person moved it, the selection. */
export interface DiagramView {
  viewport: { x: number; y: number; zoom: number } | null;
  userMoved: boolean;
  nodeIds: string[];
  edgeIds: string[];
}

/** What is saved under LESSON_KEY while a lesson is open. */
export interface LessonRecord {
  templateId: string;
  title: string;
  doc: ScenarioDoc;
  /** The document the lesson was opened from: the work, or a shared scenario (with its link). */
  returnTo: { mode: 'work' | 'shared'; hash: string };
  /** The view of that document when the lesson opened. */
  view: DiagramView;
}
/**
 * here: this tab saves. otherTab: another tab on the same work saves, this one does not.
 * failed: the browser refused to save (storage blocked or full); the work stays in this tab.
 */
export type Saving = 'here' | 'otherTab' | 'failed';

interface SessionState {
  saving: Saving;
  /** The tab that saved was closed (saving is 'otherTab' until this tab continues). */
  otherTabClosed: boolean;
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
  /** The open lesson document (mode 'lesson'). */
  lesson: { templateId: string; title: string } | null;
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

/** Puts a document on screen without saving it as an edit (it is already saved where it belongs). */
function show(doc: unknown, exact = false) {
  switching = true;
  try {
    // The person's own document kept in memory goes back as the very object it was, so its
    // undo history (which ends at it) lines up again.
    if (exact) {
      useScenarioStore.setState({ doc: doc as ScenarioDoc });
      useScenarioStore.temporal.getState().clear();
    } else replaceWithoutHistory(doc);
  } finally {
    switching = false;
  }
}

/**
 * Opens a lesson's document in place of the one on screen, whose latest edits are saved
 * first. The work stays saved as it was; the lesson is saved apart (LESSON_KEY). Opening
 * another lesson from a lesson keeps the way back to the same document.
 */
export async function enterLesson(
  lesson: { templateId: string; title: string; doc: ScenarioDoc },
  view: DiagramView,
): Promise<void> {
  await flush();
  const { mode, saving } = useSession.getState();
  lessonMeta = {
    templateId: lesson.templateId,
    title: lesson.title,
    returnTo:
      mode === 'lesson' && lessonMeta
        ? lessonMeta.returnTo
        : { mode: mode === 'shared' ? 'shared' : 'work', hash: location.hash },
    view: mode === 'lesson' && lessonMeta ? lessonMeta.view : view,
  };
  // The link of a shared scenario is kept in the record, so a reload reopens the lesson.
  if (location.hash) clearHash();
  useSession.setState({ mode: 'lesson', lesson: { templateId: lesson.templateId, title: lesson.title } });
  show(lesson.doc);
  if (saving === 'here') await set(LESSON_KEY, { ...lessonMeta, doc: lesson.doc }).catch(storageFailed);
}

/**
 * Leaves the lesson for the document it was opened from. `kept` is that document as it was
 * on screen (with its undo history), when this tab still has it; after a reload it is read
 * back from storage. Resolves to the view to restore.
 */
export async function leaveLesson(kept: ScenarioDoc | null): Promise<DiagramView | null> {
  if (useSession.getState().mode !== 'lesson' || !lessonMeta) return null;
  // The lesson's pending save is dropped with the lesson.
  if (timer) clearTimeout(timer);
  timer = null;
  pending = null;
  const { returnTo, view } = lessonMeta;
  let doc: unknown = kept;
  if (!doc && returnTo.mode === 'shared')
    doc = (await get<SharedCopy>(SHARED_KEY).catch(() => undefined))?.doc;
  if (!doc) doc = await get<unknown>(WORK_KEY).catch(() => undefined);
  lessonMeta = null;
  if (returnTo.mode === 'shared' && returnTo.hash)
    history.replaceState(null, '', `${location.pathname}${location.search}${returnTo.hash}`);
  useSession.setState({ mode: returnTo.mode, lesson: null });
  // Nothing saved and nothing kept (a first visit that never edited): the default diagram.
  if (kept) show(kept, true);
  else show(doc && typeof doc === 'object' ? doc : (defaultTemplate()?.doc ?? emptyScenario()));
  if (useSession.getState().saving === 'here') await del(LESSON_KEY).catch(() => undefined);
  return view;
}

function clearHash() {
  history.replaceState(null, '', `${location.pathname}${location.search}`);
}

export const useSession = create<SessionState>()((setState) => ({
  saving: 'here',
  otherTabClosed: false,
  savingNote: null,
  async saveHere() {
    await tabLock?.takeOver();
    if (!tabLock?.held) return;
    setState({ saving: 'here', savingNote: null, otherTabClosed: false });
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
  lesson: null,
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
/** Read and write in one IndexedDB transaction: two tabs adding a version never drop each other's. */
const update = <T>(key: string, fn: (old: T | undefined) => T) =>
  Promise.resolve().then(() => idbUpdate<T>(key, fn));

let timer: ReturnType<typeof setTimeout> | null = null;
let pending: (() => Promise<void>) | null = null;
/** The open lesson's record, less its document (mode 'lesson'). */
let lessonMeta: Omit<LessonRecord, 'doc'> | null = null;
/** True while a document is put on screen that must not be saved as an edit (switching documents). */
let switching = false;
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
  await addVersion(doc, false);
}

function addVersion(doc: ScenarioDoc, fromTabNotSaving: boolean) {
  const now = Date.now();
  return update<unknown>(VERSIONS_KEY, (old) =>
    nextVersions(readVersions(old), doc, TAB_ID, now, fromTabNotSaving),
  );
}

export async function flush() {
  if (timer) clearTimeout(timer);
  timer = null;
  const job = pending;
  pending = null;
  if (job) await job();
}

function saveJob(mode: Mode, doc: ScenarioDoc): () => Promise<void> {
  const hash = location.hash;
  const lesson = lessonMeta;
  if (mode === 'lesson') return () => (lesson ? set(LESSON_KEY, { ...lesson, doc }) : Promise.resolve());
  if (mode === 'shared') return () => set(SHARED_KEY, { hash, doc } satisfies SharedCopy);
  return () => saveWork(doc);
}

function scheduleSave(doc: ScenarioDoc) {
  const { mode, saving } = useSession.getState();
  if (switching || saving === 'failed') return;
  let job: () => Promise<void>;
  if (saving === 'otherTab') {
    // Another tab saves this work: this tab's edits go to History only, as this tab's own
    // versions, so reloading or closing it loses nothing (the banner says where they are).
    if (mode !== 'work') return;
    job = () => addVersion(doc, true).catch(() => undefined);
  } else {
    const save = saveJob(mode, doc);
    job = () => save().catch(storageFailed);
  }
  pending = job;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void flush(), SAVE_DELAY_MS);
}

/** A lesson record read back from storage: anything malformed is dropped, never trusted. */
function readLessonRecord(stored: unknown): LessonRecord | undefined {
  const r = stored as Partial<LessonRecord> | null | undefined;
  if (!r || typeof r !== 'object') return undefined;
  if (typeof r.templateId !== 'string' || typeof r.title !== 'string') return undefined;
  if (!r.doc || typeof r.doc !== 'object' || !Array.isArray(r.doc.nodes)) return undefined;
  const back = r.returnTo;
  const returnTo =
    back && back.mode === 'shared' && typeof back.hash === 'string'
      ? { mode: 'shared' as const, hash: back.hash }
      : { mode: 'work' as const, hash: '' };
  const v = r.view;
  const vp = v?.viewport;
  const view: DiagramView = {
    viewport:
      vp && [vp.x, vp.y, vp.zoom].every((n) => typeof n === 'number' && Number.isFinite(n)) ? vp : null,
    userMoved: v?.userMoved === true,
    nodeIds: Array.isArray(v?.nodeIds) ? v.nodeIds.filter((x) => typeof x === 'string') : [],
    edgeIds: Array.isArray(v?.edgeIds) ? v.edgeIds.filter((x) => typeof x === 'string') : [],
  };
  return { templateId: r.templateId, title: r.title, doc: r.doc, returnTo, view };
}

/**
 * Opens what the page was opened with: a share link if the URL has one, else the saved work,
 * else (first visit) the default template already in the store. Then saves every change.
 */
export async function startSession(): Promise<void> {
  const elsewhere =
    'This diagram is open in another tab, which saves it. Changes made here are kept in History, not as your saved diagram.';
  tabLock = await openTabLock({
    beforeRelease: flush,
    onLost: () =>
      useSession.setState({
        saving: 'otherTab',
        otherTabClosed: false,
        savingNote:
          'Another tab took over saving this diagram. What you did here up to now is saved, and what you do from now on is kept in History.',
      }),
    onFreed: () =>
      useSession.setState({
        saving: 'otherTab',
        otherTabClosed: true,
        savingNote:
          'The other tab that saved this diagram was closed, so nothing saves it now. Continue here to save this tab’s diagram (what the other tab saved last stays in History).',
      }),
    // The saving tab was only reloading: it saves again, as before.
    onHeldElsewhere: () =>
      useSession.setState({ saving: 'otherTab', otherTabClosed: false, savingNote: elsewhere }),
  });
  if (!tabLock.held) useSession.setState({ saving: 'otherTab', savingNote: elsewhere });
  const link = decodeShare(location.hash);
  let opened = false;
  const lesson = link ? undefined : readLessonRecord(await get<unknown>(LESSON_KEY).catch(() => undefined));
  if (lesson) {
    // A reload mid-lesson: the lesson again, and the way back to the work.
    lessonMeta = {
      templateId: lesson.templateId,
      title: lesson.title,
      returnTo: lesson.returnTo,
      view: lesson.view,
    };
    replaceWithoutHistory(normalizeDoc(lesson.doc));
    useSession.setState({ mode: 'lesson', lesson: { templateId: lesson.templateId, title: lesson.title } });
    opened = true;
  }
  if (link) {
    // A link opened over an unfinished lesson: the lesson is let go, the work stays saved.
    if (tabLock.held) await del(LESSON_KEY).catch(() => undefined);
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
