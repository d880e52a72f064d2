import { useEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Panel, useReactFlow, useStoreApi } from '@xyflow/react';
import { fitReach, fitToRoom, viewState } from '../canvas/fit';
import { insidesFont, textPxFor } from './draw-internals';
import type { Box } from './geometry';
import { reachOfDiagram } from './insides-plan';
import { edgeLabelBoxes } from './label-boxes';
import { ClassroomServiceMap } from '../servicemap/ServiceMapPanel';
import { useServiceMap } from '../servicemap/servicemap-store';
import { useRunStore } from '../store/run';
import { currentLesson } from './controller';
import { Legend } from './Legend';
import { LessonCard } from './LessonCard';
import { PlaybackBar } from './PlaybackBar';
import { PresentHud } from './PresentHud';
import { ReplayCanvas } from './ReplayCanvas';
import { currentReplayData, useReplayData, type ReplayData } from './replay-data';
import { geometryStamp } from './scene';
import { presentFit } from './present-fit';
import { useClassroom } from './store';
import { TraceWaterfall } from './TraceWaterfall';
import './classroom.css';

/**
 * The classroom on the canvas (a child of <ReactFlow>, so it shares its viewport): the replay
 * canvas, the playback bar, the lesson card, the waterfall of a picked request, and in
 * presentation mode the big clock and counters.
 */
export function ClassroomLayer({ dock }: { dock: HTMLElement | null }) {
  const open = useClassroom((s) => s.open);
  // Nothing of the replay is built while the classroom is closed: building it from the
  // traces at the end of every run would cost a long task on the main thread.
  return open ? <OpenClassroom dock={dock} /> : null;
}

function OpenClassroom({ dock }: { dock: HTMLElement | null }) {
  const presenting = useClassroom((s) => s.presenting);
  const lessonOpen = useClassroom((s) => s.lessonOpen);
  const selected = useClassroom((s) => s.selectedTrace);
  const blank = useClassroom((s) => s.blank);
  const lessonKey = useClassroom((s) => s.lessonKey);
  const mapShown = useServiceMap((s) => s.panel);
  // With a presenter window open, this window is the room's: canvas, big clock, counters.
  const remote = useClassroom((s) => s.remote && s.presenting);
  const data = useReplayData();
  const hasData = data !== null;
  // While presenting, each new run's insides may need a different room under the diagram.
  const presentedData = presenting ? data : null;
  const status = useRunStore((s) => s.status);
  const rf = useReactFlow();
  useNormalFitReach(presenting ? null : data);
  // Presentation mode: the diagram as large as fits (about 175 % for a small one), and back;
  // a newly opened lesson's diagram is fitted too, and the projector's when a presenter window
  // takes the replay bar away (the room it leaves is the diagram's), and again when the run
  // arrives and the replay bar grows from its one-line "Simulating…" to its full height (it
  // covers no node then, only what is drawn under them, so the canvas's own refit would not).
  useEffect(() => {
    const id = window.setTimeout(
      // Into the room its panels leave (canvas/fit.ts), so no panel covers a node.
      // In presentation mode, room under the nodes for what is drawn inside them (environments,
      // messages, shards, slots) in 24 px type.
      () => {
        const room = presenting ? presentFit() : { maxZoom: 1.25, extraBottom: 0, extraTop: 0 };
        void fitToRoom(rf, room);
      },
      120,
    );
    return () => window.clearTimeout(id);
  }, [presenting, rf, lessonKey, remote, hasData, presentedData]);
  // Re-rendered with the result (the lesson comes from the scenario that was run).
  const lesson = data || lessonOpen ? currentLesson() : null;
  return (
    <>
      <ReplayCanvas />
      {presenting && data && mapShown ? <ClassroomServiceMap data={data} /> : null}
      {presenting && data ? (
        <Panel position="top-left" className="classroom-panel">
          <PresentHud data={data} lesson={lesson} />
        </Panel>
      ) : null}
      {lessonOpen && lesson && !remote ? (
        <Panel position="top-right" className="classroom-panel classroom-panel--lesson">
          <LessonCard lesson={lesson} />
        </Panel>
      ) : null}
      {data && selected !== null && !presenting ? (
        <Panel position="top-left" className="classroom-panel classroom-panel--trace">
          <TraceWaterfall data={data} trace={selected} />
        </Panel>
      ) : null}
      {remote ? (
        // The projector keeps the key to the dots where the replay bar was, at the bottom: the
        // diagram is fitted between it and the clock, as large as the room allows.
        data ? (
          <Panel position="bottom-center" className="classroom-panel classroom-panel--bottom">
            <Legend data={data} className="playback__legend present-hud__legend" />
          </Panel>
        ) : null
      ) : (
        <Bottom dock={presenting ? null : dock}>
          {data && selected !== null && presenting ? <TraceWaterfall data={data} trace={selected} /> : null}
          {data ? (
            <PlaybackBar data={data} />
          ) : (
            <div className="playback playback--empty" role="status">
              {status === 'running' ? 'Simulating the run to replay…' : 'Run the scenario to replay it here.'}
            </div>
          )}
        </Bottom>
      )}
      {blank ? (
        <div className="classroom-blank" role="presentation" aria-label="Screen blanked (press B)" />
      ) : null}
    </>
  );
}

/**
 * The replay bar's place. Normally a row of its own under the diagram (`dock`), like a video's
 * controls under the picture: it covers no node and nothing drawn under one, and the diagram is
 * fitted to the canvas above it. Presenting, it floats over the bottom of the stage (the
 * presentation layout keeps the diagram clear of it).
 */
function Bottom({ dock, children }: { dock: HTMLElement | null; children: ReactNode }) {
  if (dock)
    return createPortal(
      <div className="classroom-panel classroom-panel--bottom classroom-dock">{children}</div>,
      dock,
    );
  return (
    <Panel position="bottom-center" className="classroom-panel classroom-panel--bottom">
      {children}
    </Panel>
  );
}

/**
 * Normal mode with a replay: every fit makes room for what is drawn under the nodes too, as it
 * is drawn at the fitted zoom (insides-plan.ts), so no overlay and no canvas edge cuts it.
 */
function useNormalFitReach(data: ReplayData | null) {
  const store = useStoreApi();
  const rf = useReactFlow();
  const active = data !== null;
  useEffect(() => {
    if (!active) return;
    let stamp = NaN;
    let boxes = new Map<string, Box>();
    fitReach.of = (zoom) => {
      const data = currentReplayData();
      if (!data) return null;
      const { nodeLookup } = store.getState();
      const now = geometryStamp(nodeLookup, 0);
      if (now !== stamp) {
        stamp = now;
        boxes = new Map();
        for (const n of nodeLookup.values()) {
          const p = n.internals.positionAbsolute;
          boxes.set(n.id, { x: p.x, y: p.y, w: n.measured.width ?? 0, h: n.measured.height ?? 0 });
        }
      }
      const font = insidesFont(false, zoom, textPxFor(false, window.innerWidth, window.innerHeight));
      return reachOfDiagram(data, boxes, font, edgeLabelBoxes(store.getState().edgeLookup.values(), zoom));
    };
    return () => {
      fitReach.of = null;
    };
  }, [active, store]);
  // Another run's replay: what is drawn under the nodes changed, so the view fits again (once
  // the run's badges have been measured), unless the person has moved it. Not on every change
  // of the nodes' sizes: a fit changes the zoom, and with it the nodes' detail and sizes.
  useEffect(() => {
    if (!data) return;
    const timer = window.setTimeout(() => {
      if (!viewState.userMoved) void fitToRoom(rf);
    }, 150);
    return () => window.clearTimeout(timer);
  }, [data, rf]);
}
