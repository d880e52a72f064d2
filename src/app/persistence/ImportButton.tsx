import { useRef } from 'react';
import { Upload } from 'lucide-react';
import { ProblemsDialog } from './ProblemsDialog';
import { ToolButton } from '../ui/ToolButton';
import { TemplateReportDialog } from './TemplateReportDialog';
import { useFileImport } from './file-import';

/**
 * Import a scenario file, or a SAM / CloudFormation template (its report is shown first and
 * the diagram changes only when the person accepts): accepted only whole and valid; on
 * failure the diagram is untouched. A file dropped on the canvas takes the same way in.
 */
export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <ToolButton
        icon={<Upload size={20} aria-hidden="true" />}
        label="Import"
        tip="Open a scenario (JSON) or an AWS SAM / CloudFormation template (YAML or JSON). You can also drop the file on the canvas."
        onClick={() => input.current?.click()}
      />
      <input
        ref={input}
        type="file"
        accept=".json,.yaml,.yml,application/json"
        className="visually-hidden"
        aria-label="Import scenario or template file"
        data-testid="import-file"
        tabIndex={-1}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void useFileImport.getState().open(f);
        }}
      />
      <ImportDialogs />
    </>
  );
}

/** The report of a template waiting to be accepted, or why a file could not be opened. */
function ImportDialogs() {
  const failed = useFileImport((s) => s.failed);
  const pending = useFileImport((s) => s.pending);
  const { accept, cancel, dismissFailure } = useFileImport.getState();
  return (
    <>
      {failed ? (
        <ProblemsDialog
          title="This file cannot be imported"
          intro={`${failed.file}: ${failed.errors.length} problem${failed.errors.length > 1 ? 's' : ''}. Your diagram has not been changed.`}
          problems={failed.errors}
          onClose={dismissFailure}
        />
      ) : null}
      {pending ? (
        <TemplateReportDialog report={pending.report} onCancel={cancel} onAccept={() => void accept()} />
      ) : null}
    </>
  );
}
