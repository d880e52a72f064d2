import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { keyedRecord } from '../../engine/own-keys';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnConnectEnd,
  type IsValidConnection,
  type ReactFlowState,
} from '@xyflow/react';
import { LayoutGrid, Maximize } from 'lucide-react';
import { applyKeptView, fitToRoom, overlayCoversNode, reachOutOfView, viewState } from './fit';
import { presentFit } from '../classroom/present-fit';
import { useClassroom } from '../classroom/store';
import { usePresentLayout } from '../classroom/use-present-layout';
import { useInsidesKeepOff } from '../classroom/insides-keep-off';
import { connectionRefusal, defaultRole, useScenarioStore } from '../store/scenario';
import { useSelectionStore } from '../store/scenario-selection';
import { useTheme } from '../theme/theme';
import { useEditorCommands } from '../shortcuts/commands';
import { ClassroomLayer } from '../classroom/ClassroomLayer';
import { NotesPanel } from '../notes/NotesPanel';
import { EdgeLegend } from './EdgeLegend';
import { KindEdge } from './KindEdge';
import { KindNode } from './KindNode';
import { Notices } from './Notices';
import { useNotices } from './notices';
import { edgeLabelScale } from './route';
import { routeFlowEdges, toFlowEdges, toFlowNodes, type KindFlowEdge, type KindFlowNode } from './to-flow';
import { PALETTE_MIME } from '../palette/palette-dnd';
import { useFileDrop } from './file-drop';
import { KINDS } from '../../engine/kinds/registry';
import type { NodeKind } from '../../engine/kinds/vocabulary';
import { flowKeys } from '../shortcuts/keymap';

const nodeTypes = { kind: KindNode };
const edgeTypes = { kind: KindEdge };
const GRID: [number, number] = [20, 20];

type Size = { width: number; height: number };
type XY = { x: number; y: number };

/**
 * The diagram. The scenario document is the truth; React Flow gets nodes and edges derived
 * from it. Only what React Flow needs between edits lives here: measured sizes and
 * positions in mid-drag (a drag becomes one undo step when it ends).
 */
export function Canvas() {
  const doc = useScenarioStore((s) => s.doc);
  const selNodes = useSelectionStore((s) => s.nodeIds);
  const selEdges = useSelectionStore((s) => s.edgeIds);
  const [measured, setMeasured] = useState<Record<string, Size>>({});
  const [dragging, setDragging] = useState<Record<string, XY>>({});
  const { theme } = useTheme();
  const rf = useReactFlow();
  const storeApi = useStoreApi();
  const cmd = useEditorCommands();

  const flowRef = useRef<HTMLDivElement>(null);
  const flowEdges = useMemo(() => toFlowEdges(doc, new Set(selEdges)), [doc, selEdges]);
  // Under the diagram, a row of its own for the replay bar (normal mode): it covers nothing.
  const [dock, setDock] = useState<HTMLDivElement | null>(null);
  // Presenting, the nodes sit where the presentation layout puts them (the scenario keeps its own).
  const present = usePresentLayout(flowRef, doc.nodes, measured, flowEdges);
  const presentAt = present?.positions;
  const nodes = useMemo(() => {
    const flow = toFlowNodes(doc, new Set(selNodes), measured, dragging);
    return presentAt ? flow.map((n) => (presentAt[n.id] ? { ...n, position: presentAt[n.id] } : n)) : flow;
  }, [doc, selNodes, measured, dragging, presentAt]);
  usePresentRefit(present);
  // Presenting, labels in presentation type, clear of what the replay draws under the nodes.
  const zoomLabelScale = useStore((s) => edgeLabelScale(s.transform[2]));
  const labelScale = present?.labelScale ?? zoomLabelScale;
  const presentLabels = present?.labels;
  // With a replay open (normal mode), labels clear of the room the nodes' insides need.
  const insides = useInsidesKeepOff(nodes);
  const edges = useMemo(
    () => routeFlowEdges(flowEdges, nodes, labelScale, presentLabels, insides),
    [flowEdges, nodes, labelScale, presentLabels, insides],
  );
  const used = useMemo(
    () => new Set(edges.map((e) => (e.data?.refused ? 'failure' : e.data!.look))),
    [edges],
  );
  useAutoFit(flowRef, doc.nodes, measured);
  // The overview map only while part of the diagram is out of view: when it is all on screen
  // the map shows nothing new and would take room from it.
  const partOffView = useStore(someNodeOffView);

  const onNodesChange = useCallback((changes: NodeChange<KindFlowNode>[]) => {
    // Keyed by node ids, which may be "__proto__" or "toString".
    const sizes = keyedRecord<Size>();
    const moving = keyedRecord<XY>();
    const dropped = keyedRecord<XY>();
    let select: { add: string[]; remove: string[] } | null = null;
    for (const c of changes) {
      if (c.type === 'dimensions' && c.dimensions) sizes[c.id] = c.dimensions;
      else if (c.type === 'position' && c.position) (c.dragging ? moving : dropped)[c.id] = c.position;
      else if (c.type === 'select') {
        select ??= { add: [], remove: [] };
        (c.selected ? select.add : select.remove).push(c.id);
      }
      // 'remove' is handled by onDelete, so nodes and their edges go in one undo step.
    }
    if (Object.keys(sizes).length) setMeasured((m) => Object.assign(keyedRecord<Size>(), m, sizes));
    if (Object.keys(moving).length) setDragging((d) => Object.assign(keyedRecord<XY>(), d, moving));
    if (Object.keys(dropped).length) {
      useScenarioStore.getState().moveNodes(dropped);
      setDragging((d) => {
        const rest = Object.assign(keyedRecord<XY>(), d);
        for (const id of Object.keys(dropped)) delete rest[id];
        return rest;
      });
    }
    if (select) {
      const { nodeIds, edgeIds, select: set } = useSelectionStore.getState();
      const next = new Set(nodeIds);
      select.remove.forEach((id) => next.delete(id));
      select.add.forEach((id) => next.add(id));
      set([...next], edgeIds);
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<KindFlowEdge>[]) => {
    const sel = changes.filter((c) => c.type === 'select');
    if (!sel.length) return;
    const { nodeIds, edgeIds, select } = useSelectionStore.getState();
    const next = new Set(edgeIds);
    for (const c of sel) {
      if (c.type !== 'select') continue;
      if (c.selected) next.add(c.id);
      else next.delete(c.id);
    }
    select(nodeIds, [...next]);
  }, []);

  // Checked while the person drags a connection: the line turns "invalid" over a refused target.
  const isValidConnection: IsValidConnection = useCallback((c) => {
    const d = useScenarioStore.getState().doc;
    return connectionRefusal(d, c.source, c.target, defaultRole(d, c.source, c.target)) === null;
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const store = useScenarioStore.getState();
    const r = store.connect(c.source, c.target, defaultRole(store.doc, c.source, c.target));
    if (r.ok) useSelectionStore.getState().select([], [r.id]);
    else useNotices.getState().show(r.reason, 'refused');
  }, []);

  // A drop on a node that refused the connection: say why, where the person is looking.
  const onConnectEnd: OnConnectEnd = useCallback((_e, state) => {
    if (state.isValid !== false || !state.fromNode || !state.toNode) return;
    const reversed = state.fromHandle?.type === 'target';
    const source = reversed ? state.toNode.id : state.fromNode.id;
    const target = reversed ? state.fromNode.id : state.toNode.id;
    const d = useScenarioStore.getState().doc;
    const why = connectionRefusal(d, source, target, defaultRole(d, source, target));
    if (why) useNotices.getState().show(why, 'refused');
  }, []);

  const onDelete = useCallback(
    ({ nodes: ns, edges: es }: { nodes: KindFlowNode[]; edges: KindFlowEdge[] }) => {
      useScenarioStore.getState().remove(
        ns.map((n) => n.id),
        es.map((e) => e.id),
      );
      useSelectionStore.getState().clear();
    },
    [],
  );

  const fileDrop = useFileDrop();

  const onDragOver = useCallback(
    (e: DragEvent) => {
      if (fileDrop.over(e)) return;
      if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    [fileDrop],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      if (fileDrop.drop(e)) return;
      const kind = e.dataTransfer.getData(PALETTE_MIME) as NodeKind;
      if (!kind || !KINDS[kind]) return;
      e.preventDefault();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      // The pointer holds the node's top-left corner area, a little inside: like picking it up.
      cmd.addNode(kind, { x: p.x - 30, y: p.y - 20 });
    },
    [rf, cmd, fileDrop],
  );

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} onDragLeave={fileDrop.leave}>
      <Notices />
      <div className="canvas__flow" ref={flowRef}>
        <ReactFlow<KindFlowNode, KindFlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          className={present?.className}
          style={present?.style}
          nodesDraggable={present === null}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onDelete={onDelete}
          onPaneClick={() => useSelectionStore.getState().clear()}
          // Tab visits the nodes, not every edge first (React Flow puts edges before nodes in
          // the page); an edge is reached from its node's inspector (Connections).
          edgesFocusable={false}
          onMoveStart={(e) => {
            // Only the person's own pan or zoom (an event) stops the automatic fitting.
            if (e) viewState.userMoved = true;
          }}
          snapToGrid
          snapGrid={GRID}
          fitView
          fitViewOptions={{ padding: 0.25, maxZoom: 1.25 }}
          minZoom={0.2}
          maxZoom={2.5}
          colorMode={theme}
          // React Flow's own keys, from the keymap the shortcut sheet shows.
          deleteKeyCode={flowKeys('deleteSelection')}
          multiSelectionKeyCode={flowKeys('multiSelect')}
          selectionKeyCode={flowKeys('multiSelect')[0]}
          panActivationKeyCode={flowKeys('pan')}
          defaultEdgeOptions={{ type: 'kind' }}
          connectionRadius={40}
          proOptions={{ hideAttribution: false }}
          aria-label="Architecture diagram"
        >
          <Background variant={BackgroundVariant.Dots} gap={GRID[0]} size={1.5} />
          {partOffView ? (
            <MiniMap
              pannable
              zoomable
              ariaLabel="Overview map"
              nodeStrokeWidth={3}
              className="minimap"
              style={{ width: 150, height: 96 }}
            />
          ) : null}
          <Controls
            showInteractive={false}
            showFitView={false}
            aria-label="Zoom and layout"
            onZoomIn={() => (viewState.userMoved = true)}
            onZoomOut={() => (viewState.userMoved = true)}
          >
            <ControlButton
              onClick={cmd.fitView}
              aria-label="Fit the diagram to the screen"
              title="Fit the diagram to the screen (Shift+F)"
            >
              <Maximize aria-hidden="true" />
            </ControlButton>
            <ControlButton
              onClick={() => {
                // The person's choice of view: no automatic fit undoes it.
                viewState.userMoved = true;
                // A fit asked for just before (a template opening) may still wait in React
                // Flow for the nodes' sizes; it must not undo this.
                storeApi.setState({ fitViewQueued: false });
                void rf.zoomTo(1, { duration: 150 });
              }}
              aria-label="1:1 Zoom to 100 %"
              title="Zoom to 100 %"
            >
              <span className="controls__text">1:1</span>
            </ControlButton>
            <ControlButton
              onClick={() => void cmd.layout()}
              aria-label="Auto-layout"
              title="Auto-layout (Shift+L)"
            >
              <LayoutGrid aria-hidden="true" />
            </ControlButton>
          </Controls>
          <EdgeLegend used={used} />
          <NotesPanel />
          <ClassroomLayer dock={dock} />
        </ReactFlow>
        {doc.nodes.length === 0 ? (
          <div className="canvas__empty" role="note">
            <p>
              <strong>The canvas is empty.</strong> Drag a component from the palette on the left, or click it
              to add it here. Or open a template.
            </p>
          </div>
        ) : null}
        {fileDrop.active ? (
          <div className="canvas__drop-zone" data-testid="file-drop-zone" aria-hidden="true">
            <p>
              <strong>Drop to import</strong>
              <br />A SAM / CloudFormation template (.yaml, .yml, .json) or a scenario (.json). You will see
              what was understood before your diagram changes.
            </p>
          </div>
        ) : null}
      </div>
      <div className="canvas__dock" ref={setDock} />
    </div>
  );
}

/**
 * Keeps the diagram fitted into the room left by the panels and overlays: when the canvas
 * changes size (a panel folds, the results drawer opens) and when a different diagram is
 * opened, and whenever an overlay opens or grows over a node; unless the person has panned or
 * zoomed (their view is theirs until Shift+F).
 */
function useAutoFit(
  flowRef: React.RefObject<HTMLDivElement | null>,
  nodes: readonly { id: string }[],
  measured: Record<string, unknown>,
) {
  const rf = useReactFlow();
  const ids = useRef<Set<string>>(new Set());
  const timer = useRef(0);
  /**
   * Whether a resize (or another diagram) is among the reasons waiting: an overlay scheduled
   * after it (the "Opened the template" message appears with the new diagram) must not turn
   * the refit into a mere overlay check.
   */
  const resizePending = useRef(false);
  /** Unless the person moved the view: a resize refits, an overlay only when it covers a node. */
  const schedule = useCallback(
    (why: 'resize' | 'overlay') => {
      window.clearTimeout(timer.current);
      if (why === 'resize') resizePending.current = true;
      timer.current = window.setTimeout(() => {
        const resized = resizePending.current;
        resizePending.current = false;
        if (applyKeptView(rf)) return;
        // The person's own view (zoomed in, 1:1) is left alone either way; Shift+F fits again.
        if (viewState.userMoved) return;
        if (resized || overlayCoversNode()) void fitToRoom(rf);
      }, 90);
    },
    [rf],
  );

  useEffect(() => {
    const root = flowRef.current;
    const flow = root?.querySelector('.react-flow');
    if (!root || !flow) return;
    const onResize = new ResizeObserver(() => schedule('resize'));
    onResize.observe(root);
    const onPanel = new ResizeObserver(() => schedule('overlay'));
    const watch = () => {
      onPanel.disconnect();
      flow
        .querySelectorAll(':scope > .react-flow__panel:not(.react-flow__minimap)')
        .forEach((p) => onPanel.observe(p));
    };
    watch();
    // The overview map coming or going is not an overlay opening: it shows only while the view
    // is zoomed past the diagram, and checking then would undo that zoom.
    const isMap = (n: Node) => n instanceof HTMLElement && n.classList.contains('react-flow__minimap');
    const mo = new MutationObserver((records) => {
      watch();
      const onlyMap = records.every((r) => [...r.addedNodes, ...r.removedNodes].every(isMap));
      if (!onlyMap) schedule('overlay');
    });
    mo.observe(flow, { childList: true });
    return () => {
      onResize.disconnect();
      onPanel.disconnect();
      mo.disconnect();
      window.clearTimeout(timer.current);
    };
  }, [flowRef, schedule]);

  // Another diagram (a template, an import, New): no node in common with the last one.
  useEffect(() => {
    const next = new Set(nodes.map((n) => n.id));
    const previous = ids.current;
    const replaced = ![...next].some((id) => previous.has(id));
    ids.current = next;
    if (replaced && next.size > 0) {
      viewState.userMoved = false;
      schedule('resize');
      return;
    }
    // A node added where the person cannot see it (a check's Fix puts a producer beside the
    // node it feeds, a paste lands offset): bring the whole diagram into view.
    const added = [...next].filter((id) => !previous.has(id));
    if (added.length === 0) return;
    const t = window.setTimeout(() => {
      const box = flowRef.current?.getBoundingClientRect();
      if (!box) return;
      const hidden = added.some((id) => {
        const el = flowRef.current?.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
        const r = el?.getBoundingClientRect();
        return !r || r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom;
      });
      if (hidden) void fitToRoom(rf, { duration: 200 });
    }, 90);
    return () => window.clearTimeout(t);
  }, [nodes, schedule, flowRef, rf]);

  // Nodes that grew after the fit (a run's badges, a longer label, a replay's badges at t) and
  // now reach past the canvas: fit again, unless the view is the person's. Only ever zooming out, so it settles.
  useEffect(() => {
    if (viewState.userMoved) return;
    const t = window.setTimeout(() => {
      const box = flowRef.current?.getBoundingClientRect();
      if (!box || viewState.userMoved) return;
      const out = [...(flowRef.current?.querySelectorAll('.react-flow__node') ?? [])].some((el) => {
        const r = el.getBoundingClientRect();
        return (
          r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1
        );
      });
      // So may what the replay draws under them (normal mode).
      if (out || reachOutOfView(rf)) void fitToRoom(rf);
    }, 120);
    return () => window.clearTimeout(t);
  }, [measured, flowRef, rf]);
}

/**
 * Presenting: fit again when the presentation layout moves the nodes (the room changed, the
 * nodes were measured at presentation size), unless the view follows a request.
 */
function usePresentRefit(layout: object | null) {
  const rf = useReactFlow();
  useEffect(() => {
    if (!layout) return;
    const t = window.setTimeout(() => {
      if (!useClassroom.getState().following) void fitToRoom(rf, presentFit());
    }, 60);
    return () => window.clearTimeout(t);
  }, [layout, rf]);
}

/** Whether a node lies (partly) outside the visible canvas. */
function someNodeOffView(s: ReactFlowState): boolean {
  const [tx, ty, z] = s.transform;
  for (const n of s.nodeLookup.values()) {
    const p = n.internals.positionAbsolute;
    const w = n.measured.width ?? 0;
    const h = n.measured.height ?? 0;
    if (p.x * z + tx < -1 || p.y * z + ty < -1) return true;
    if ((p.x + w) * z + tx > s.width + 1 || (p.y + h) * z + ty > s.height + 1) return true;
  }
  return false;
}
