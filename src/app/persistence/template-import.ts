import type { ImportReport } from '../../engine/sam/report';
import { normalizeDoc, type ScenarioDoc } from '../store/scenario-doc';

/** A file is a template (not a scenario) when it is YAML, or JSON with a Resources section. */
export function looksLikeTemplate(fileName: string, text: string): boolean {
  if (/\.ya?ml$/i.test(fileName)) return true;
  const head = text.slice(0, 4000);
  return (
    !/"format"\s*:\s*"serverless-sim\.scenario"/.test(head) &&
    /"(Resources|AWSTemplateFormatVersion)"\s*:/.test(head)
  );
}

export type TemplateLoaded =
  { ok: true; doc: ScenarioDoc; report: ImportReport } | { ok: false; errors: string[] };

/** Reads a template into a scenario and its report; the engine's importer is loaded on first use. */
export async function importTemplateFile(fileName: string, text: string): Promise<TemplateLoaded> {
  const { importTemplate } = await import('../../engine/sam/import');
  const r = importTemplate(text, fileName);
  if (!r.ok) return { ok: false, errors: [`${r.line ? `line ${r.line}: ` : ''}${r.reason}`] };
  return { ok: true, doc: normalizeDoc(r.doc), report: r.report };
}

/** The imported diagram laid out by elk before it is shown, so it reads without moving anything. */
export async function laidOut(doc: ScenarioDoc): Promise<ScenarioDoc> {
  const { autoLayout } = await import('../canvas/layout');
  const positions = await autoLayout(doc, {});
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: positions[n.id] ?? n.position })) };
}
