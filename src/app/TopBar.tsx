import {
  Dices,
  Download,
  FilePlus2,
  Keyboard,
  LayoutTemplate,
  Moon,
  Redo2,
  Share2,
  Sun,
  Undo2,
} from 'lucide-react';
import { ClassroomButtons } from './classroom/ClassroomButtons';
import { CompareButton } from './compare/CompareRoot';
import { RunControls } from './results/RunControls';
import { downloadScenario } from './persistence/file-io';
import { ImportButton } from './persistence/ImportButton';
import { VersionsButton } from './persistence/VersionsButton';
import { useScenarioStore } from './store/scenario';
import { useScenarioHistory } from './store/scenario-history';
import { useTheme } from './theme/theme';
import type { EditorCommands } from './shortcuts/commands';
import { TopBarSetting } from './TopBarSetting';
import { ToolButton } from './ui/ToolButton';

export type TopBarDialog = 'templates' | 'share' | 'shortcuts';

/** A fresh seed: any 32-bit value (the app may use the platform's randomness; the engine may not). */
function newSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

/**
 * One row from 1280 px up: the name, the file actions, the run with its settings and status
 * (in a slot of fixed width, so nothing moves when the status changes), edit, classroom, view.
 * Below 1880 px the buttons show icons only; each keeps its name as tooltip and accessible name.
 */
export function TopBar({ cmd, open }: { cmd: EditorCommands; open(d: TopBarDialog): void }) {
  const name = useScenarioStore((s) => s.doc.name);
  const seed = useScenarioStore((s) => s.doc.settings.seed);
  const { canUndo, canRedo, undo, redo } = useScenarioHistory();
  const { theme, toggle } = useTheme();
  return (
    <header className="topbar">
      <div className="topbar__group topbar__brand">
        <span className="brand" aria-hidden="true">
          λ
        </span>
        <label htmlFor="scenario-name" className="visually-hidden">
          Scenario name
        </label>
        <input
          id="scenario-name"
          className="input topbar__name"
          value={name}
          maxLength={200}
          title={name}
          onChange={(e) => useScenarioStore.getState().rename(e.target.value)}
        />
      </div>
      <div className="topbar__group" role="group" aria-label="Scenario file">
        <ToolButton
          icon={<FilePlus2 size={20} aria-hidden="true" />}
          label="New"
          tip="New blank diagram"
          keys="Alt+N"
          onClick={cmd.newDiagram}
        />
        <ToolButton
          icon={<LayoutTemplate size={20} aria-hidden="true" />}
          label="Templates"
          tip="Open a template"
          onClick={() => open('templates')}
        />
        <ImportButton />
        <ToolButton
          icon={<Download size={20} aria-hidden="true" />}
          label="Export"
          tip="Save the scenario as a JSON file"
          onClick={() => downloadScenario(useScenarioStore.getState().doc)}
        />
        <ToolButton
          icon={<Share2 size={20} aria-hidden="true" />}
          label="Share"
          tip="Share a link to this scenario"
          onClick={() => open('share')}
        />
        <VersionsButton />
      </div>
      <div className="topbar__group topbar__run" role="group" aria-label="Run settings">
        <TopBarSetting name="durationSeconds" label="Duration" unit="s" width={6} />
        <ToolButton
          icon={<Dices size={20} aria-hidden="true" />}
          label="New random seed"
          tip={`New random seed (now ${String(seed ?? 1)}; the inspector shows and sets it)`}
          wide={false}
          onClick={() => useScenarioStore.getState().setSettings({ seed: newSeed() })}
        />
      </div>
      <RunControls />
      <div className="topbar__group" role="group" aria-label="Edit">
        <ToolButton
          icon={<Undo2 size={20} aria-hidden="true" />}
          label="Undo"
          keys="Ctrl+Z"
          wide={false}
          disabled={!canUndo}
          onClick={undo}
        />
        <ToolButton
          icon={<Redo2 size={20} aria-hidden="true" />}
          label="Redo"
          keys="Ctrl+Shift+Z"
          wide={false}
          disabled={!canRedo}
          onClick={redo}
        />
      </div>
      <div className="topbar__group" role="group" aria-label="Compare and teach">
        <CompareButton />
        <ClassroomButtons />
      </div>
      <div className="topbar__group" role="group" aria-label="View">
        <ToolButton
          icon={<Keyboard size={20} aria-hidden="true" />}
          label="Keyboard shortcuts"
          keys="?"
          wide={false}
          onClick={() => open('shortcuts')}
        />
        <ToolButton
          icon={
            theme === 'dark' ? <Sun size={20} aria-hidden="true" /> : <Moon size={20} aria-hidden="true" />
          }
          label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          wide={false}
          onClick={toggle}
        />
      </div>
    </header>
  );
}
