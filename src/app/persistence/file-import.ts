import { create } from 'zustand';
import { useNotices } from '../canvas/notices';
import { useScenarioStore } from '../store/scenario';
import { useSelectionStore } from '../store/scenario-selection';
import type { ImportReport } from '../../engine/sam/report';
import type { ScenarioDoc } from '../store/scenario-doc';
import { parseScenarioText } from './file-io';
import { importTemplateFile, laidOut, looksLikeTemplate } from './template-import';
import { documentTooLarge } from '../../engine/scenario/door';

/** Names a file may have to be opened by Import or a drop on the canvas. */
export const IMPORTABLE = /\.(json|ya?ml)$/i;

interface FileImportState {
  /** A file that could not be opened, with every reason; the diagram is untouched. */
  failed: { file: string; errors: string[] } | null;
  /** A template read into a diagram, waiting for the person to accept its report. */
  pending: { doc: ScenarioDoc; report: ImportReport } | null;
  /** Opens a file from the Import button or a drop: the one way in for both. */
  open(file: File): Promise<void>;
  accept(): Promise<void>;
  cancel(): void;
  dismissFailure(): void;
}

/**
 * Opening a scenario or a SAM / CloudFormation template from a file. A scenario is loaded
 * when valid; a template's report is shown first and the diagram changes only on accept. The
 * Import button and a file dropped on the canvas share this store and its dialogs.
 */
export const useFileImport = create<FileImportState>()((set, get) => ({
  failed: null,
  pending: null,
  open: async (file) => {
    if (!IMPORTABLE.test(file.name)) {
      set({
        failed: {
          file: file.name,
          errors: [
            'Only a scenario (.json) or an AWS SAM / CloudFormation template (.yaml, .yml or .json) can be opened here.',
          ],
        },
      });
      return;
    }
    // Refused by its size before it is read: a 10 MB file costs no time and no memory.
    const tooLarge = documentTooLarge(file.size);
    if (tooLarge) {
      set({ failed: { file: file.name, errors: [tooLarge] } });
      return;
    }
    const text = await file.text();
    if (looksLikeTemplate(file.name, text)) {
      const t = await importTemplateFile(file.name, text);
      if (t.ok) set({ pending: { doc: t.doc, report: t.report }, failed: null });
      else set({ failed: { file: file.name, errors: t.errors } });
      return;
    }
    const r = parseScenarioText(text);
    if (!r.ok) {
      set({ failed: { file: file.name, errors: r.errors } });
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
  },
  accept: async () => {
    const p = get().pending;
    if (!p) return;
    const doc = await laidOut(p.doc);
    set({ pending: null });
    useScenarioStore.getState().load(doc);
    const producers = p.report.trafficToSet.map((t) => t.producerId);
    useSelectionStore.getState().clear();
    // Its producers come first: their traffic is what the person has to set before a run means anything.
    if (producers.length) useSelectionStore.getState().select([producers[0]], []);
    useNotices
      .getState()
      .show(
        producers.length
          ? `Imported “${doc.name}”. Set the traffic of ${producers.join(', ')} (placeholder 1 request/s), then Run. Undo (Ctrl+Z) brings back your previous diagram.`
          : `Imported “${doc.name}”: nothing in it receives traffic from outside, so no producer was added. Undo (Ctrl+Z) brings back your previous diagram.`,
      );
  },
  cancel: () => set({ pending: null }),
  dismissFailure: () => set({ failed: null }),
}));
