import { documentTooLarge } from '../../engine/scenario/door';
import { migrate } from '../../engine/scenario/migrate';
import { formatIssue, validateScenario } from '../../engine/scenario/validate';
import { normalizeDoc, type ScenarioDoc } from '../store/scenario-doc';

export type Loaded = { ok: true; doc: ScenarioDoc; warnings: string[] } | { ok: false; errors: string[] };

/**
 * A document from outside (a file, a share link) enters the editor only if the engine's
 * validation accepts it; the editor keeps the document as written (sparse params), brought
 * to the current version.
 */
export function acceptScenario(json: unknown): Loaded {
  const r = validateScenario(json);
  if (!r.ok) return { ok: false, errors: r.errors.map(formatIssue) };
  return { ok: true, doc: normalizeDoc(migrate(json)), warnings: r.warnings };
}

export function parseScenarioText(text: string): Loaded {
  const tooLarge = documentTooLarge(text.length);
  if (tooLarge) return { ok: false, errors: [tooLarge] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`The file is not valid JSON: ${(e as Error).message}`] };
  }
  return acceptScenario(json);
}

export function fileNameFor(doc: ScenarioDoc): string {
  const slug =
    doc.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'scenario';
  return `${slug}.scenario.json`;
}

export function downloadScenario(doc: ScenarioDoc) {
  const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFor(doc);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
