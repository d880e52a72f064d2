import { useCallback, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './canvas/Canvas';
import { ClassroomRoot } from './classroom/ClassroomRoot';
import { CompareRoot } from './compare/CompareRoot';
import { Inspector } from './inspector/Inspector';
import { Palette } from './palette/Palette';
import { ResultsDock } from './results/ResultsDock';
import { ProblemsDialog } from './persistence/ProblemsDialog';
import { useSession } from './persistence/session';
import { ShareDialog } from './persistence/ShareDialog';
import { SharedBanner } from './persistence/SharedBanner';
import { TemplatesDialog } from './persistence/TemplatesDialog';
import { useEditorCommands } from './shortcuts/commands';
import { ShortcutSheet } from './shortcuts/ShortcutSheet';
import { useShortcuts } from './shortcuts/useShortcuts';
import { TopBar, type TopBarDialog } from './TopBar';

/** The shell: top bar; palette, canvas, inspector; results below. */
export function App() {
  return (
    <ReactFlowProvider>
      <Shell />
    </ReactFlowProvider>
  );
}

function Shell() {
  const cmd = useEditorCommands();
  const [dialog, setDialog] = useState<TopBarDialog | null>(null);
  const close = useCallback(() => setDialog(null), []);
  const openSheet = useCallback(() => setDialog('shortcuts'), []);
  useShortcuts(cmd, openSheet);
  const linkErrors = useSession((s) => s.linkErrors);
  const dismissLinkErrors = useSession((s) => s.dismissLinkErrors);
  return (
    <div className="app">
      <TopBar cmd={cmd} open={setDialog} />
      <SharedBanner />
      <main className="workspace">
        <Palette />
        <Canvas />
        <Inspector />
      </main>
      <ResultsDock />
      {dialog === 'templates' ? <TemplatesDialog onClose={close} /> : null}
      {dialog === 'share' ? <ShareDialog onClose={close} /> : null}
      {dialog === 'shortcuts' ? <ShortcutSheet onClose={close} /> : null}
      <ClassroomRoot />
      <CompareRoot />
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
