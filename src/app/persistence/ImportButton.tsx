import { useRef, useState } from 'react';
import { Upload } from 'lucide-react';
import { useNotices } from '../canvas/notices';
import { useScenarioStore } from '../store/scenario';
import { useSelectionStore } from '../store/scenario-selection';
import type { ImportReport } from '../../engine/sam/report';
import type { ScenarioDoc } from '../store/scenario-doc';
import { parseScenarioText } from './file-io';
import { ProblemsDialog } from './ProblemsDialog';
import { ToolButton } from '../ui/ToolButton';
import { importTemplateFile, laidOut, looksLikeTemplate } from './template-import';
import { TemplateReportDialog } from './TemplateReportDialog';

/**
 * Import a scenario file, or a SAM / CloudFormation template (its report is shown first and
 * the diagram changes only when the person accepts): accepted only whole and valid; on
 * failure the diagram is untouched.
 */
export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const [failed, setFailed] = useState<{ file: string; errors: string[] } | null>(null);
  const [pending, setPending] = useState<{ doc: ScenarioDoc; report: ImportReport } | null>(null);
  const onFile = async (file: File) => {
    const text = await file.text();
    if (looksLikeTemplate(file.name, text)) {
      const t = await importTemplateFile(file.name, text);
      if (t.ok) setPending({ doc: t.doc, report: t.report });
      else setFailed({ file: file.name, errors: t.errors });
      return;
    }
    const r = parseScenarioText(text);
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
        tip="Open a scenario (JSON) or an AWS SAM / CloudFormation template (YAML or JSON)"
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
      {pending ? (
        <TemplateReportDialog
          report={pending.report}
          onCancel={() => setPending(null)}
          onAccept={() => void acceptTemplate(pending, () => setPending(null))}
        />
      ) : null}
    </>
  );
}

/** The accepted import: laid out, loaded as one undoable step, its producers selected to set their traffic. */
async function acceptTemplate(p: { doc: ScenarioDoc; report: ImportReport }, close: () => void) {
  const doc = await laidOut(p.doc);
  close();
  useScenarioStore.getState().load(doc);
  const producers = p.report.trafficToSet.map((t) => t.producerId);
  useSelectionStore.getState().clear();
  if (producers.length) useSelectionStore.getState().select([producers[0]], []);
  useNotices
    .getState()
    .show(
      producers.length
        ? `Imported “${doc.name}”. Set the traffic of ${producers.join(', ')} (placeholder 1 request/s), then Run. Undo (Ctrl+Z) brings back your previous diagram.`
        : `Imported “${doc.name}”: nothing in it receives traffic from outside, so no producer was added. Undo (Ctrl+Z) brings back your previous diagram.`,
    );
}
