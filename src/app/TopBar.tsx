import {
  Dices,
  Download,
  Keyboard,
  LayoutGrid,
  LayoutTemplate,
  Maximize,
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
import { useScenarioStore } from './store/scenario';
import { useScenarioHistory } from './store/scenario-history';
import { useTheme } from './theme/theme';
import type { EditorCommands } from './shortcuts/commands';
import { TopBarSetting } from './TopBarSetting';

export type TopBarDialog = 'templates' | 'share' | 'shortcuts';

/** A fresh seed: any 32-bit value (the app may use the platform's randomness; the engine may not). */
function newSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

export function TopBar({ cmd, open }: { cmd: EditorCommands; open(d: TopBarDialog): void }) {
  const name = useScenarioStore((s) => s.doc.name);
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
          onChange={(e) => useScenarioStore.getState().rename(e.target.value)}
        />
      </div>
      <div className="topbar__group" role="group" aria-label="Run settings">
        <TopBarSetting name="durationSeconds" label="Duration" unit="s" />
        <TopBarSetting name="seed" label="Seed" width={11} />
        <button
          type="button"
          className="icon-button"
          aria-label="New random seed"
          title="New random seed"
          onClick={() => useScenarioStore.getState().setSettings({ seed: newSeed() })}
        >
          <Dices size={20} aria-hidden="true" />
        </button>
      </div>
      <RunControls />
      <div className="topbar__group" role="group" aria-label="Edit">
        <button
          type="button"
          className="icon-button"
          aria-label="Undo"
          title="Undo (Ctrl+Z)"
          disabled={!canUndo}
          onClick={undo}
        >
          <Undo2 size={20} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Redo"
          title="Redo (Ctrl+Shift+Z)"
          disabled={!canRedo}
          onClick={redo}
        >
          <Redo2 size={20} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Auto-layout"
          title="Auto-layout (Shift+L)"
          onClick={() => void cmd.layout()}
        >
          <LayoutGrid size={20} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Fit to screen"
          title="Fit to screen (Shift+F)"
          onClick={cmd.fitView}
        >
          <Maximize size={20} aria-hidden="true" />
        </button>
      </div>
      <div className="topbar__group" role="group" aria-label="Scenario file">
        <button type="button" className="button" onClick={() => open('templates')}>
          <LayoutTemplate size={18} aria-hidden="true" /> Templates
        </button>
        <ImportButton />
        <button
          type="button"
          className="button"
          onClick={() => downloadScenario(useScenarioStore.getState().doc)}
          title="Save the scenario as a JSON file"
        >
          <Download size={18} aria-hidden="true" /> Export
        </button>
        <button type="button" className="button" onClick={() => open('share')}>
          <Share2 size={18} aria-hidden="true" /> Share
        </button>
      </div>
      <div className="topbar__group" role="group" aria-label="Compare">
        <CompareButton />
      </div>
      <ClassroomButtons />
      <div className="topbar__group" role="group" aria-label="View">
        <button
          type="button"
          className="icon-button"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={() => open('shortcuts')}
        >
          <Keyboard size={20} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          title="Light / dark"
          onClick={toggle}
        >
          {theme === 'dark' ? <Sun size={20} aria-hidden="true" /> : <Moon size={20} aria-hidden="true" />}
        </button>
      </div>
    </header>
  );
}
