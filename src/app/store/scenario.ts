import { create } from 'zustand';
import { ownEntry } from '../../engine/own-keys';
import { temporal } from 'zundo';
import { KINDS } from '../../engine/kinds/registry';
import type { NodeKind } from '../../engine/kinds/vocabulary';
import { allowedRoles, refusal, type EdgeRole } from '../../engine/scenario/connections';
import { applyFix as fixDoc, type Fix } from '../../engine/checks';
import { emptyScenario, normalizeDoc, type DocEdge, type DocNode, type ScenarioDoc } from './scenario-doc';
import { uniqueId, uniqueLabel } from './scenario-ids';
import { defaultTemplate } from '../persistence/templates';

export type XY = { x: number; y: number };

/** What copy puts on the clipboard and paste/duplicate take back. */
export interface Fragment {
  nodes: DocNode[];
  edges: DocEdge[];
}

export type ConnectResult = { ok: true; id: string } | { ok: false; reason: string };

export interface ScenarioState {
  /** The document: the only undoable state. */
  doc: ScenarioDoc;
  /** Replace the whole document (template, import, share link): one undo step. */
  load(doc: unknown): void;
  rename(name: string): void;
  setNotes(notes: string): void;
  /** Sets (or with undefined, removes) top-level settings. */
  setSettings(patch: Record<string, unknown>): void;
  addNode(kind: NodeKind, position: XY): string;
  setLabel(id: string, label: string): void;
  setParams(id: string, params: Record<string, unknown>): void;
  moveNodes(positions: Record<string, XY>): void;
  connect(source: string, target: string, role?: EdgeRole): ConnectResult;
  setEdgeRole(id: string, role: EdgeRole): void;
  setEdgeParams(id: string, params: Record<string, unknown>): void;
  /** Removes the nodes, their edges and the given edges: one undo step. */
  remove(nodeIds: readonly string[], edgeIds: readonly string[]): void;
  /** Adds a copy of the fragment with fresh ids, offset; returns the new node ids. */
  paste(fragment: Fragment, offset: XY): { nodeIds: string[]; edgeIds: string[] };
  /** Makes a learner check's one-click fix (engine/checks): one undo step. */
  applyFix(fix: Fix): void;
}

/**
 * Undo steps for typed edits: the keystrokes of one field make one step. An edit to the same
 * field (same key) within PAUSE_MS of the last one joins its step; leaving the field (blur,
 * see endFieldEdit) or pausing ends it. Typing 2048 into Memory is one step back to what it was.
 */
const PAUSE_MS = 1200;
let editKey: string | null = null;
let lastEdit: { key: string; at: number } | null = null;
let clock: () => number = () => Date.now();

/** Ends the current field's undo step: the next keystroke starts a new one. */
export function endFieldEdit(): void {
  lastEdit = null;
}

/** For tests: the clock that measures the pause between keystrokes. */
export function setEditClock(fn: () => number): void {
  clock = fn;
}

/** Whether this change joins the step of the field edit before it (then it records no step). */
function joinsLastStep(): boolean {
  const key = editKey;
  const now = clock();
  const joins = key !== null && lastEdit !== null && lastEdit.key === key && now - lastEdit.at < PAUSE_MS;
  lastEdit = key === null ? null : { key, at: now };
  return joins;
}

if (typeof document !== 'undefined') document.addEventListener('focusout', endFieldEdit, true);

const GRID = 20;
const snap = (v: number) => Math.round(v / GRID) * GRID;

/** Which top-level params differ: the field being typed into (so two fields make two steps). */
function changedKeys(before: Record<string, unknown> | undefined, after: Record<string, unknown>): string {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after[k]))
    .sort()
    .join(',');
}

function edgeId(source: string, target: string, taken: ReadonlySet<string>): string {
  return uniqueId(`${source}-to-${target}`, taken);
}

/** Why source → target (with role) may not be drawn in this document, or null when it may. */
export function connectionRefusal(
  d: ScenarioDoc,
  source: string,
  target: string,
  role: EdgeRole = 'invoke',
): string | null {
  const a = d.nodes.find((n) => n.id === source);
  const b = d.nodes.find((n) => n.id === target);
  if (!a || !b) return 'Both ends must be nodes on the canvas.';
  if (source === target && a.kind !== 'function') return 'A node cannot hand work to itself.';
  const why = refusal(a.kind, b.kind, role);
  if (why) return why;
  if (d.edges.some((e) => e.source === source && e.target === target && (e.role ?? 'invoke') === role)) {
    return `${a.label} already hands work to ${b.label}${role === 'invoke' ? '' : ` as "${role}"`}.`;
  }
  // One destination per S3 event type [S3-FILTER]: refused here, as validation would refuse it.
  // The EventBridge switch (an edge to a bus) comes on top of the one notification destination.
  const toBus = (id: string) => d.nodes.find((n) => n.id === id)?.kind === 'eventBus';
  const notified =
    a.kind === 'bucket' && !toBus(target)
      ? d.edges.find((e) => e.source === source && !toBus(e.target))
      : undefined;
  if (notified) {
    const first = d.nodes.find((n) => n.id === notified.target);
    return `Bucket ${a.label} already notifies ${first?.label ?? notified.target}, and one S3 event type can have only one destination. To reach ${b.label} too, let the bucket notify an SNS topic and subscribe both to it.`;
  }
  return null;
}

/** The role a newly drawn edge gets: "invoke" where allowed, else the only kind of link there is (queue → queue is a DLQ). */
export function defaultRole(d: ScenarioDoc, source: string, target: string): EdgeRole {
  const a = d.nodes.find((n) => n.id === source);
  const b = d.nodes.find((n) => n.id === target);
  if (!a || !b) return 'invoke';
  const roles = allowedRoles(a.kind, b.kind);
  return roles.length === 0 || roles.includes('invoke') ? 'invoke' : roles[0];
}

export function createScenarioStore(initial: ScenarioDoc = emptyScenario()) {
  return create<ScenarioState>()(
    temporal(
      (set, get) => {
        /** Every edit goes through here so the document stays immutable (undo keeps old ones). */
        const edit = (fn: (d: ScenarioDoc) => ScenarioDoc) => set((s) => ({ doc: fn(s.doc) }));
        /** An edit typed into a field: keystrokes to the same field coalesce into one undo step. */
        const typed = (key: string, fn: (d: ScenarioDoc) => ScenarioDoc) => {
          editKey = key;
          try {
            edit(fn);
          } finally {
            editKey = null;
          }
        };
        const mapEdge = (id: string, fn: (e: DocEdge) => DocEdge) =>
          edit((d) => ({ ...d, edges: d.edges.map((e) => (e.id === id ? fn(e) : e)) }));

        return {
          doc: initial,
          load: (doc) => set({ doc: normalizeDoc(doc) }),
          rename: (name) => typed('name', (d) => ({ ...d, name })),
          setNotes: (notes) => typed('notes', (d) => ({ ...d, notes })),
          setSettings: (patch) =>
            typed(`settings:${Object.keys(patch).sort().join(',')}`, (d) => {
              const settings = { ...d.settings };
              for (const [k, v] of Object.entries(patch)) {
                if (v === undefined) delete settings[k];
                else settings[k] = v;
              }
              return { ...d, settings };
            }),
          addNode: (kind, position) => {
            const d = get().doc;
            const id = uniqueId(kind, new Set(d.nodes.map((n) => n.id)));
            const label = uniqueLabel(KINDS[kind].title, new Set(d.nodes.map((n) => n.label)));
            const node: DocNode = {
              id,
              kind,
              label,
              position: { x: snap(position.x), y: snap(position.y) },
              params: {},
            };
            edit((doc) => ({ ...doc, nodes: [...doc.nodes, node] }));
            return id;
          },
          setLabel: (id, label) =>
            typed(`label:${id}`, (d) => ({
              ...d,
              nodes: d.nodes.map((n) => (n.id === id ? { ...n, label } : n)),
            })),
          setParams: (id, params) =>
            typed(
              `params:${id}:${changedKeys(get().doc.nodes.find((n) => n.id === id)?.params, params)}`,
              (d) => ({
                ...d,
                nodes: d.nodes.map((n) => (n.id === id ? { ...n, params } : n)),
              }),
            ),
          moveNodes: (positions) => {
            // A click that ends a "drag" without moving must not become an undo step.
            const at = (id: string) => ownEntry(positions, id);
            const moved = get().doc.nodes.some((n) => {
              const p = at(n.id);
              return p && (p.x !== n.position.x || p.y !== n.position.y);
            });
            if (!moved) return;
            edit((d) => ({
              ...d,
              nodes: d.nodes.map((n) => {
                const p = at(n.id);
                return p ? { ...n, position: { x: p.x, y: p.y } } : n;
              }),
            }));
          },
          connect: (source, target, role = 'invoke') => {
            const d = get().doc;
            const why = connectionRefusal(d, source, target, role);
            if (why) return { ok: false, reason: why };
            const id = edgeId(source, target, new Set(d.edges.map((e) => e.id)));
            const edge: DocEdge =
              role === 'invoke'
                ? { id, source, target, params: {} }
                : { id, source, target, role, params: {} };
            edit((doc) => ({ ...doc, edges: [...doc.edges, edge] }));
            return { ok: true, id };
          },
          setEdgeRole: (id, role) =>
            mapEdge(id, (e) => {
              const { role: _old, ...rest } = e;
              return role === 'invoke' ? rest : { ...rest, role };
            }),
          setEdgeParams: (id, params) =>
            typed(
              `edge:${id}:${changedKeys(get().doc.edges.find((e) => e.id === id)?.params, params)}`,
              (d) => ({
                ...d,
                edges: d.edges.map((e) => (e.id === id ? { ...e, params } : e)),
              }),
            ),
          remove: (nodeIds, edgeIds) => {
            const nodes = new Set(nodeIds);
            const edges = new Set(edgeIds);
            const d = get().doc;
            if (!d.nodes.some((n) => nodes.has(n.id)) && !d.edges.some((e) => edges.has(e.id))) return;
            edit((doc) => ({
              ...doc,
              nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
              edges: doc.edges.filter(
                (e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target),
              ),
            }));
          },
          paste: (fragment, offset) => {
            const d = get().doc;
            const takenNodes = new Set(d.nodes.map((n) => n.id));
            const takenLabels = new Set(d.nodes.map((n) => n.label));
            const takenEdges = new Set(d.edges.map((e) => e.id));
            const rename = new Map<string, string>();
            const nodes = fragment.nodes.map((n) => {
              const id = uniqueId(n.kind, takenNodes);
              takenNodes.add(id);
              rename.set(n.id, id);
              const label = uniqueLabel(n.label, takenLabels);
              takenLabels.add(label);
              return {
                ...n,
                id,
                label,
                params: structuredClone(n.params),
                position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
              };
            });
            const edges = fragment.edges
              .filter((e) => rename.has(e.source) && rename.has(e.target))
              .map((e) => {
                const source = rename.get(e.source)!;
                const target = rename.get(e.target)!;
                const id = edgeId(source, target, takenEdges);
                takenEdges.add(id);
                return { ...e, id, source, target, params: structuredClone(e.params) };
              });
            if (nodes.length === 0) return { nodeIds: [], edgeIds: [] };
            edit((doc) => ({ ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] }));
            return { nodeIds: nodes.map((n) => n.id), edgeIds: edges.map((e) => e.id) };
          },
          applyFix: (fix) => edit((d) => fixDoc(d, fix)),
        };
      },
      {
        // Only the document is history; a new object means a real edit.
        partialize: (s) => ({ doc: s.doc }),
        equality: (a, b) => a.doc === b.doc,
        limit: 200,
        handleSet: (record) => (past, replace, current, delta) => {
          // zundo types the handler as setState, but calls it with all four arguments.
          if (!joinsLastStep())
            (record as unknown as (...a: unknown[]) => void)(past, replace, current, delta);
        },
      },
    ),
  );
}

export type ScenarioStore = ReturnType<typeof createScenarioStore>;

/** The editor's one scenario: opens on the default template so a first visit can press Run. */
export const useScenarioStore = createScenarioStore(defaultTemplate()?.doc ?? emptyScenario());
