import { useCallback, useEffect, useState, type CSSProperties } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './canvas/Canvas';
import { ClassroomRoot } from './classroom/ClassroomRoot';
import { LessonBanner } from './classroom/LessonBanner';
import { CompareRoot } from './compare/CompareRoot';
import { ServiceMapRoot } from './servicemap/ServiceMapRoot';
import { TuningRoot } from './tuning/TuningRoot';
import { Inspector } from './inspector/Inspector';
import { FOLDED_INSPECTOR_WIDTH, PANEL_LIMITS, RAIL_WIDTH, usePanels } from './layout/panels';
import { Splitter } from './layout/Splitter';
import { Palette } from './palette/Palette';
import { ResultsDock } from './results/ResultsDock';
import { ProblemsDialog } from './persistence/ProblemsDialog';
import { useSession } from './persistence/session';
import { ShareDialog } from './persistence/ShareDialog';
import { SaveStatus } from './persistence/SaveStatus';
import { SharedBanner } from './persistence/SharedBanner';
import { TemplatesDialog } from './persistence/TemplatesDialog';
import { useEditorCommands } from './shortcuts/commands';
import { ShortcutSheet } from './shortcuts/ShortcutSheet';
import { useShortcuts } from './shortcuts/useShortcuts';
import { useScenarioStore } from './store/scenario';
import { TopBar, type TopBarDialog } from './TopBar';

/** The shell: top bar; palette, canvas, inspector; the results drawer below after a run. */
export function App() {
  return (
    <ReactFlowProvider>
      <Shell />
    </ReactFlowProvider>
  );
}

/** The tab's title names the scenario, so a person with several tabs can tell them apart. */
function useDocumentTitle() {
  const name = useScenarioStore((s) => s.doc.name);
  useEffect(() => {
    const n = name.trim();
    document.title = n ? `${n} · Serverless Simulator` : 'Serverless Simulator';
  }, [name]);
}

function Shell() {
  const cmd = useEditorCommands();
  const [dialog, setDialog] = useState<TopBarDialog | null>(null);
  const close = useCallback(() => setDialog(null), []);
  const openSheet = useCallback(() => setDialog('shortcuts'), []);
  useShortcuts(cmd, openSheet);
  useDocumentTitle();
  const linkErrors = useSession((s) => s.linkErrors);
  const dismissLinkErrors = useSession((s) => s.dismissLinkErrors);
  return (
    <div className="app">
      <TopBar cmd={cmd} open={setDialog} />
      <SharedBanner />
      <LessonBanner />
      <SaveStatus />
      <Workspace />
      <ResultsDock />
      {dialog === 'templates' ? <TemplatesDialog onClose={close} /> : null}
      {dialog === 'share' ? <ShareDialog onClose={close} /> : null}
      {dialog === 'shortcuts' ? <ShortcutSheet onClose={close} /> : null}
      <ClassroomRoot />
      <CompareRoot />
      <ServiceMapRoot />
      <TuningRoot />
      {linkErrors ? (
        <ProblemsDialog
          title="This share link cannot be opened"
          intro="Your own saved work has been opened instead."
          problems={linkErrors}
          onClose={dismissLinkErrors}
        />
      ) : null}
    </div>
  );
}

/** Palette, canvas, inspector: the side panels fold and resize; the canvas takes the rest. */
function Workspace() {
  const palette = usePanels((s) => s.palette);
  const paletteWidth = usePanels((s) => s.paletteWidth);
  const inspectorOpen = usePanels((s) => s.inspectorOpen);
  const inspectorWidth = usePanels((s) => s.inspectorWidth);
  const p = usePanels.getState();
  const left = palette === 'full' ? paletteWidth : RAIL_WIDTH;
  const right = inspectorOpen ? inspectorWidth : FOLDED_INSPECTOR_WIDTH;
  const style = { gridTemplateColumns: `${left}px minmax(0, 1fr) ${right}px` } as CSSProperties;
  return (
    <main className="workspace" style={style}>
      <div className="workspace__side workspace__side--left" id="palette-panel">
        <Palette />
        {palette === 'full' ? (
          <Splitter
            orientation="vertical"
            size={paletteWidth}
            min={PANEL_LIMITS.palette.min}
            max={PANEL_LIMITS.palette.max}
            grow={1}
            label="Resize the components panel"
            controls="palette-panel"
            onResize={p.setPaletteWidth}
            onToggle={() => p.setPalette('rail')}
          />
        ) : null}
      </div>
      <Canvas />
      <div className="workspace__side workspace__side--right" id="inspector-panel">
        {inspectorOpen ? (
          <Splitter
            orientation="vertical"
            size={inspectorWidth}
            min={PANEL_LIMITS.inspector.min}
            max={PANEL_LIMITS.inspector.max}
            grow={-1}
            label="Resize the inspector"
            controls="inspector-panel"
            onResize={p.setInspectorWidth}
            onToggle={() => p.setInspectorOpen(false)}
          />
        ) : null}
        <Inspector />
      </div>
    </main>
  );
}
