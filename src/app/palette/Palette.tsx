import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { PanelLeftClose, PanelLeftOpen, Search } from 'lucide-react';
import { KINDS } from '../../engine/kinds/registry';
import type { NodeKind } from '../../engine/kinds/vocabulary';
import { KindIcon } from '../canvas/kind-icons';
import { usePanels } from '../layout/panels';
import { useEditorCommands } from '../shortcuts/commands';
import { PALETTE_MIME } from './palette-dnd';
import { paletteSections } from './palette-groups';
import { pressed } from '../shortcuts/keymap';

/** Where a search box asked to be focused once the palette has unfolded. */
let focusSearchOnOpen = false;

/**
 * The kinds, grouped and searchable. Each item can be dragged onto the canvas or clicked
 * (Enter/Space) to add it in the middle of the view: HTML drag and drop does not work on
 * touch screens, and a keyboard user needs a way too. Enter in the search adds the first
 * match. Folded, the palette is a rail of icons, each named in its tooltip.
 */
export function Palette() {
  const mode = usePanels((s) => s.palette);
  const setMode = usePanels((s) => s.setPalette);
  const [query, setQuery] = useState('');
  const searchId = useId();
  const search = useRef<HTMLInputElement>(null);
  const cmd = useEditorCommands();
  const q = query.trim().toLowerCase();
  const rail = mode === 'rail';
  const groups = useMemo(() => paletteSections(rail ? '' : q), [q, rail]);
  useEffect(() => {
    if (!rail && focusSearchOnOpen) {
      focusSearchOnOpen = false;
      search.current?.focus();
    }
  }, [rail]);

  const item = (k: NodeKind) => (
    <li key={k}>
      <button
        type="button"
        className="palette__item"
        draggable
        data-kind={k}
        data-tip={rail ? KINDS[k].title : undefined}
        title={rail ? undefined : KINDS[k].description}
        aria-label={`Add ${KINDS[k].title}`}
        onDragStart={(e) => {
          e.dataTransfer.setData(PALETTE_MIME, k);
          e.dataTransfer.effectAllowed = 'copy';
        }}
        onClick={() => cmd.addNode(k)}
      >
        <KindIcon kind={k} size={rail ? 30 : 24} />
        {rail ? null : <span className="palette__name">{KINDS[k].title}</span>}
      </button>
    </li>
  );

  if (rail)
    return (
      <nav className="palette palette--rail" aria-label="Components">
        <button
          type="button"
          className="tool-button"
          data-tip="Show the components with their names"
          aria-label="Show the components with their names"
          aria-expanded="false"
          onClick={() => setMode('full')}
        >
          <PanelLeftOpen size={20} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="tool-button"
          data-tip="Search components"
          aria-label="Search components"
          onClick={() => {
            focusSearchOnOpen = true;
            setMode('full');
          }}
        >
          <Search size={20} aria-hidden="true" />
        </button>
        {groups.map((g) => (
          <ul key={g.id} className="palette__list" aria-label={g.title}>
            {g.kinds.map(item)}
          </ul>
        ))}
      </nav>
    );

  const first = groups[0]?.kinds[0];
  return (
    <nav className="palette" aria-label="Components">
      <div className="palette__head">
        <div className="palette__search">
          <label htmlFor={searchId} className="visually-hidden">
            Search components
          </label>
          <Search size={16} aria-hidden="true" className="palette__search-icon" />
          <input
            id={searchId}
            ref={search}
            className="input"
            type="search"
            placeholder="Search components"
            aria-describedby={`${searchId}-hint`}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (pressed('addFirstMatch', e) && first && q) {
                e.preventDefault();
                cmd.addNode(first);
                setQuery('');
              }
            }}
          />
        </div>
        <button
          type="button"
          className="tool-button"
          data-tip="Fold the components to icons"
          aria-label="Fold the components to icons"
          aria-expanded="true"
          onClick={() => setMode('rail')}
        >
          <PanelLeftClose size={20} aria-hidden="true" />
        </button>
      </div>
      <p className="palette__hint" id={`${searchId}-hint`}>
        {q && first ? (
          <>
            <kbd>Enter</kbd> adds {KINDS[first].title}.
          </>
        ) : (
          'Drag onto the canvas, or click to add.'
        )}
      </p>
      {groups.length === 0 ? <p className="muted">No component matches “{query}”.</p> : null}
      {groups.map((g) => (
        <section key={g.id} className="palette__group" aria-labelledby={`${searchId}-${g.id}`}>
          <h2 className="palette__title" id={`${searchId}-${g.id}`}>
            {g.title}
          </h2>
          <ul className="palette__list">{g.kinds.map(item)}</ul>
        </section>
      ))}
    </nav>
  );
}
