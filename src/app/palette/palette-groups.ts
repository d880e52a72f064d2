import { KINDS, NODE_KINDS } from '../../engine/kinds/registry';
import type { NodeKind, PaletteGroup } from '../../engine/kinds/vocabulary';

const GROUPS: { id: PaletteGroup; title: string }[] = [
  { id: 'sources', title: 'Sources' },
  { id: 'apis', title: 'APIs' },
  { id: 'compute', title: 'Compute' },
  { id: 'messaging', title: 'Messaging' },
  { id: 'storage', title: 'Storage' },
  { id: 'servers', title: 'Servers' },
];

export interface PaletteSection {
  id: PaletteGroup;
  title: string;
  kinds: NodeKind[];
}

function matches(kind: NodeKind, q: string): boolean {
  if (!q) return true;
  const k = KINDS[kind];
  return `${k.title} ${k.kind} ${k.description}`.toLowerCase().includes(q);
}

/**
 * What the palette lists: every kind of the catalog registry under its catalog's group, in
 * registry order, those matching the search (lower-case, trimmed) only; empty groups left out.
 */
export function paletteSections(query = ''): PaletteSection[] {
  return GROUPS.map((g) => ({
    ...g,
    kinds: NODE_KINDS.filter((k) => KINDS[k].group === g.id && matches(k, query)),
  })).filter((g) => g.kinds.length > 0);
}
