import { useRef, useState } from 'react';
import { Upload } from 'lucide-react';
import { useNotices } from '../canvas/notices';
import { useScenarioStore } from '../store/scenario';
import { useSelectionStore } from '../store/scenario-selection';
import { parseScenarioText } from './file-io';
import { ProblemsDialog } from './ProblemsDialog';
import { ToolButton } from '../ui/ToolButton';

/** Import a scenario file: accepted only whole and valid; on failure the diagram is untouched. */
export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const [failed, setFailed] = useState<{ file: string; errors: string[] } | null>(null);
  const onFile = async (file: File) => {
    const r = parseScenarioText(await file.text());
    if (!r.ok) {
      setFailed({ file: file.name, errors: r.errors });
      return;
    }
    useScenarioStore.getState().load(r.doc);
    useSelectionStore.getState().clear();
    const extra = r.warnings.length
      ? ` ${r.warnings.length} warning${r.warnings.length > 1 ? 's' : ''}: ${r.warnings.join(' ')}`
      : '';
    useNotices
      .getState()
      .show(`Imported “${r.doc.name}”. Undo (Ctrl+Z) brings back your previous diagram.${extra}`);
  };
  return (
    <>
      <ToolButton
        icon={<Upload size={20} aria-hidden="true" />}
        label="Import"
        tip="Open a scenario JSON file"
        onClick={() => input.current?.click()}
      />
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        aria-label="Import scenario file"
        data-testid="import-file"
        tabIndex={-1}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void onFile(f);
        }}
      />
      {failed ? (
        <ProblemsDialog
          title="This file cannot be imported"
          intro={`${failed.file}: ${failed.errors.length} problem${failed.errors.length > 1 ? 's' : ''}. Your diagram has not been changed.`}
          problems={failed.errors}
          onClose={() => setFailed(null)}
        />
      ) : null}
    </>
  );
}
