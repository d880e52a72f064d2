import { useId, useMemo, useState } from 'react';
import { Search } from 'lucide-react';
import { KINDS, NODE_KINDS } from '../../engine/kinds/registry';
import type { NodeKind, PaletteGroup } from '../../engine/kinds/types';
import { KindIcon } from '../canvas/kind-icons';
import { useEditorCommands } from '../shortcuts/commands';
import { PALETTE_MIME } from './palette-dnd';

const GROUPS: { id: PaletteGroup; title: string }[] = [
  { id: 'sources', title: 'Sources' },
  { id: 'apis', title: 'APIs' },
  { id: 'compute', title: 'Compute' },
  { id: 'messaging', title: 'Messaging' },
  { id: 'storage', title: 'Storage' },
  { id: 'servers', title: 'Servers' },
];

function matches(kind: NodeKind, q: string): boolean {
  if (!q) return true;
  const k = KINDS[kind];
  return `${k.title} ${k.kind} ${k.description}`.toLowerCase().includes(q);
}

/**
 * The kinds, grouped and searchable. Each item can be dragged onto the canvas or clicked
 * (Enter/Space) to add it in the middle of the view: HTML drag and drop does not work on
 * touch screens, and a keyboard user needs a way too.
 */
export function Palette() {
  const [query, setQuery] = useState('');
  const searchId = useId();
  const cmd = useEditorCommands();
  const q = query.trim().toLowerCase();
  const groups = useMemo(
    () =>
      GROUPS.map((g) => ({
        ...g,
        kinds: NODE_KINDS.filter((k) => KINDS[k].group === g.id && matches(k, q)),
      })).filter((g) => g.kinds.length > 0),
    [q],
  );
  return (
    <nav className="palette" aria-label="Components">
      <div className="palette__search">
        <label htmlFor={searchId} className="visually-hidden">
          Search components
        </label>
        <Search size={16} aria-hidden="true" className="palette__search-icon" />
        <input
          id={searchId}
          className="input"
          type="search"
          placeholder="Search components"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <p className="palette__hint">Drag onto the canvas, or click to add.</p>
      {groups.length === 0 ? <p className="muted">No component matches “{query}”.</p> : null}
      {groups.map((g) => (
        <section key={g.id} className="palette__group" aria-labelledby={`${searchId}-${g.id}`}>
          <h2 className="palette__title" id={`${searchId}-${g.id}`}>
            {g.title}
          </h2>
          <ul className="palette__list">
            {g.kinds.map((k) => (
              <li key={k}>
                <button
                  type="button"
                  className="palette__item"
                  draggable
                  data-kind={k}
                  title={KINDS[k].description}
                  aria-label={`Add ${KINDS[k].title}`}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(PALETTE_MIME, k);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => cmd.addNode(k)}
                >
                  <KindIcon kind={k} size={20} />
                  <span className="palette__name">{KINDS[k].title}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
