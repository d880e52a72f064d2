import { useReactFlow } from '@xyflow/react';
import { keyedRecord } from '../../engine/own-keys';
import { useMemo } from 'react';
import type { NodeKind } from '../../engine/kinds/vocabulary';
import { fitToRoom, viewState } from '../canvas/fit';
import { useNotices } from '../canvas/notices';
import { useScenarioStore, type Fragment } from '../store/scenario';
import { emptyScenario } from '../store/scenario-doc';
import { CONNECT_TO_ID } from '../inspector/ConnectTo';
import { usePanels } from '../layout/panels';
import { useSelectionStore } from '../store/scenario-selection';

/** Copied nodes live here (not the system clipboard: that needs a permission prompt to read). */
let clipboard: Fragment | null = null;
let pasteCount = 0;

const NODE_SIZE = { width: 220, height: 96 };
const STEP = 40;

type Box = { position: { x: number; y: number }; measured?: { width?: number; height?: number } };

/**
 * Near `want`, a place where a new node overlaps no other: click-to-add must not hide a node
 * under another. Tries rings of candidates around the centre, nearest first.
 */
export function freeSpot(want: { x: number; y: number }, nodes: readonly Box[]): { x: number; y: number } {
  const gap = 24;
  const overlaps = (p: { x: number; y: number }) =>
    nodes.some((n) => {
      const w = n.measured?.width ?? NODE_SIZE.width;
      const h = n.measured?.height ?? NODE_SIZE.height;
      return (
        p.x < n.position.x + w + gap &&
        p.x + NODE_SIZE.width + gap > n.position.x &&
        p.y < n.position.y + h + gap &&
        p.y + NODE_SIZE.height + gap > n.position.y
      );
    });
  if (!overlaps(want)) return want;
  const dy = NODE_SIZE.height + gap;
  const dx = NODE_SIZE.width + gap;
  for (let ring = 1; ring < 12; ring++) {
    for (const [i, j] of [
      [0, ring],
      [0, -ring],
      [ring, 0],
      [-ring, 0],
      [ring, ring],
      [-ring, ring],
      [ring, -ring],
      [-ring, -ring],
    ]) {
      const p = { x: want.x + i * dx, y: want.y + j * dy };
      if (!overlaps(p)) return p;
    }
  }
  return { x: want.x + STEP, y: want.y + STEP };
}

/** The editor's actions, shared by the toolbar, the keyboard shortcuts and the inspector. */
export function useEditorCommands() {
  const rf = useReactFlow();
  return useMemo(() => {
    const store = () => useScenarioStore.getState();
    const selection = () => useSelectionStore.getState();
    const selectedFragment = (): Fragment => {
      const { nodeIds } = selection();
      const ids = new Set(nodeIds);
      const doc = store().doc;
      return {
        nodes: doc.nodes.filter((n) => ids.has(n.id)),
        edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
      };
    };
    const pasteFragment = (f: Fragment, offset: { x: number; y: number }) => {
      const { nodeIds, edgeIds } = store().paste(f, offset);
      if (nodeIds.length) selection().select(nodeIds, edgeIds);
      return nodeIds.length;
    };
    /** Canvas centre in flow coordinates: where click-to-add puts a node. */
    const viewCentre = () => {
      const el = document.querySelector('.canvas .react-flow');
      const r = el?.getBoundingClientRect();
      const screen = r
        ? { x: r.left + r.width / 2, y: r.top + r.height / 2 }
        : { x: window.innerWidth / 2, y: window.innerHeight / 2 };
      const p = rf.screenToFlowPosition(screen);
      return { x: p.x - NODE_SIZE.width / 2, y: p.y - NODE_SIZE.height / 2 };
    };
    return {
      undo: () => useScenarioStore.temporal.getState().undo(),
      redo: () => useScenarioStore.temporal.getState().redo(),
      addNode(kind: NodeKind, at?: { x: number; y: number }) {
        const pos = at ?? freeSpot(viewCentre(), rf.getNodes());
        const id = store().addNode(kind, pos);
        selection().select([id], []);
        return id;
      },
      copy() {
        const f = selectedFragment();
        if (f.nodes.length === 0) return;
        clipboard = structuredClone(f);
        pasteCount = 0;
        useNotices.getState().show(`Copied ${f.nodes.length} node${f.nodes.length > 1 ? 's' : ''}.`);
      },
      paste() {
        if (!clipboard) return;
        pasteCount += 1;
        pasteFragment(clipboard, { x: STEP * pasteCount, y: STEP * pasteCount });
      },
      duplicate() {
        const f = selectedFragment();
        if (f.nodes.length) pasteFragment(f, { x: STEP, y: STEP });
      },
      deleteSelection() {
        const { nodeIds, edgeIds } = selection();
        store().remove(nodeIds, edgeIds);
        selection().clear();
      },
      selectAll() {
        const doc = store().doc;
        selection().select(
          doc.nodes.map((n) => n.id),
          doc.edges.map((e) => e.id),
        );
      },
      /**
       * "Connect to…" for the one selected node: opens the inspector and focuses its chooser.
       * False (the key is not taken) when not exactly one node is selected.
       */
      focusConnectTo(): boolean {
        const { nodeIds, edgeIds } = selection();
        if (nodeIds.length !== 1 || edgeIds.length !== 0) return false;
        usePanels.getState().setInspectorOpen(true);
        requestAnimationFrame(() => document.getElementById(CONNECT_TO_ID)?.focus());
        return true;
      },
      /** A blank diagram called "Untitled", with no notes: one undo step brings the old one back. */
      newDiagram() {
        store().load(emptyScenario('Untitled'));
        selection().clear();
        useNotices.getState().show('New blank diagram. Undo (Ctrl+Z) brings back the one before.');
      },
      fitView() {
        viewState.userMoved = false;
        void fitToRoom(rf, { duration: 200 });
      },
      async layout() {
        const sizes = keyedRecord<{ width: number; height: number }>();
        for (const n of rf.getNodes())
          if (n.measured?.width && n.measured.height)
            sizes[n.id] = { width: n.measured.width, height: n.measured.height };
        // elk is large: loaded the first time someone asks for a layout.
        const { autoLayout } = await import('../canvas/layout');
        const positions = await autoLayout(store().doc, sizes);
        store().moveNodes(positions);
        requestAnimationFrame(() => void fitToRoom(rf, { duration: 200 }));
      },
    };
  }, [rf]);
}

export type EditorCommands = ReturnType<typeof useEditorCommands>;
