import { normalizeDoc, type ScenarioDoc } from '../store/scenario-doc';

export interface Template {
  /** File name without .json, e.g. "api-function". */
  id: string;
  name: string;
  notes: string;
  doc: ScenarioDoc;
}

// Every src/templates/*.json, bundled: the gallery lists what the lead adds, nothing else.
const files = import.meta.glob<unknown>('../../templates/*.json', { eager: true, import: 'default' });

export const TEMPLATES: readonly Template[] = Object.entries(files)
  .map(([path, json]) => {
    const doc = normalizeDoc(json);
    return { id: path.replace(/^.*\/|\.json$/g, ''), name: doc.name, notes: doc.notes ?? '', doc };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

/** What a first visit opens: ready to press Run. */
export const DEFAULT_TEMPLATE_ID = 'api-function';

export function defaultTemplate(): Template | undefined {
  return TEMPLATES.find((t) => t.id === DEFAULT_TEMPLATE_ID) ?? TEMPLATES[0];
}
