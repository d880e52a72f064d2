import type { ReactFlowInstance } from '@xyflow/react';
import { restoreView, viewState } from '../canvas/fit';
import { useNotices } from '../canvas/notices';
import { usePanels } from '../layout/panels';
import { enterLesson, leaveLesson, useSession, type DiagramView } from '../persistence/session';
import { TEMPLATES } from '../persistence/templates';
import { restoreRun, runSnapshot, type RunSnapshot } from '../store/run';
import { useScenarioStore } from '../store/scenario';
import type { ScenarioDoc } from '../store/scenario-doc';
import { useSelectionStore } from '../store/scenario-selection';
import { ensureReplayRun } from './controller';
import { lessonOf, useClassroom } from './store';

/**
 * A lesson is its own document: starting one puts the person's diagram aside (its undo
 * history, its last run, its view and selection) and "Back to my diagram" brings all of it
 * back as it was. The saving side (the lesson saved apart from the work, a reload mid-lesson)
 * is persistence/session.ts.
 */
interface Kept {
  doc: ScenarioDoc;
  past: unknown[];
  future: unknown[];
  run: RunSnapshot;
  resultsOpen: boolean;
}

/** The person's diagram while a lesson is open in this tab (after a reload it is read back from storage). */
let kept: Kept | null = null;

type View = Pick<ReactFlowInstance, 'getViewport' | 'setViewport'>;

function currentView(rf: View): DiagramView {
  const sel = useSelectionStore.getState();
  return {
    viewport: rf.getViewport(),
    userMoved: viewState.userMoved,
    nodeIds: [...sel.nodeIds],
    edgeIds: [...sel.edgeIds],
  };
}

/** Opens a template's lesson as its own document; false when the template has none. */
export async function startLesson(templateId: string, rf: View): Promise<boolean> {
  const found = TEMPLATES.find((x) => x.id === templateId);
  const lesson = found && lessonOf(found.doc);
  if (!found || !lesson) return false;
  if (useSession.getState().mode !== 'lesson') {
    const t = useScenarioStore.temporal.getState();
    kept = {
      doc: useScenarioStore.getState().doc,
      past: [...t.pastStates],
      future: [...t.futureStates],
      run: runSnapshot(),
      resultsOpen: usePanels.getState().resultsOpen,
    };
  }
  const view = currentView(rf);
  useSelectionStore.getState().clear();
  await enterLesson({ templateId, title: lesson.title, doc: structuredClone(found.doc) }, view);
  restoreRun(null);
  const c = useClassroom.getState();
  c.openLesson(lesson.title);
  c.setListOpen(false);
  useNotices
    .getState()
    .show(
      `Opened the lesson “${lesson.title}” as its own diagram. “Back to my diagram” returns to yours, as you left it.`,
    );
  await replayFolded();
  return true;
}

/**
 * Runs the lesson for its replay with the results folded: they would give the answers away
 * before the questions are asked (the person can still open them). The drawer opens itself
 * when a run ends, once React has seen the end: folded after that.
 */
export async function replayFolded(): Promise<void> {
  await ensureReplayRun();
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  if (useSession.getState().mode === 'lesson') usePanels.getState().setResultsOpen(false);
}

/** Leaves the lesson for the person's diagram: its content, undo history, last run, view and selection. */
export async function backToMyDiagram(rf: View): Promise<void> {
  const k = kept;
  kept = null;
  const c = useClassroom.getState();
  c.closeLesson();
  c.setOpen(false);
  const view = await leaveLesson(k?.doc ?? null);
  if (k) {
    useScenarioStore.temporal.setState({
      pastStates: k.past as never,
      futureStates: k.future as never,
    });
  }
  restoreRun(k?.run ?? null);
  if (k) usePanels.getState().setResultsOpen(k.resultsOpen);
  if (!view) return;
  const doc = useScenarioStore.getState().doc;
  const nodes = new Set(doc.nodes.map((n) => n.id));
  const edges = new Set(doc.edges.map((e) => e.id));
  useSelectionStore.getState().select(
    view.nodeIds.filter((id) => nodes.has(id)),
    view.edgeIds.filter((id) => edges.has(id)),
  );
  if (view.viewport) restoreView(rf as ReactFlowInstance, view.viewport, view.userMoved);
}

/** For tests: forget the diagram kept in memory (as a reload would). */
export function forgetKeptDiagram(): void {
  kept = null;
}
