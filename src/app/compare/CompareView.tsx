import { useId, useState } from 'react';
import { X } from 'lucide-react';
import { useModalDialog } from '../ui/Dialog';
import { useCompare } from './compare-store';
import { EntryList } from './EntryList';
import { SideSection } from './SideSection';
import { SweepSection } from './SweepSection';
import '../results/results.css';
import '../ui/fullscreen-view.css';
import './compare.css';
import { pressed } from '../shortcuts/keymap';

type Tab = 'sweep' | 'side';

const TABS = [
  ['sweep', 'Cost against load (sweep)'],
  ['side', 'Side by side'],
] as const;

/**
 * The compare view: two to four scenarios on the same traffic and seeds, side by side, and a
 * sweep of one parameter with the monthly cost of each against it and the crossovers
 * labelled. A full-screen modal <dialog>: focus stays inside, Escape closes it.
 */
export function CompareView() {
  const titleId = useId();
  const close = useCompare((s) => s.close);
  const [tab, setTab] = useState<Tab>('sweep');
  const ref = useModalDialog(close);

  return (
    <dialog ref={ref} className="fullscreen-view compare-view" aria-labelledby={titleId}>
      <header className="fullscreen-view__header compare-header">
        <h2 id={titleId} className="compare-title">
          Compare designs
        </h2>
        <p className="compare-lede">
          The same workload, several ways: what does each cost, how fast is it, and where do their costs
          cross?
        </p>
        <button
          type="button"
          className="icon-button"
          aria-label="Close the comparison"
          title="Close (Esc)"
          onClick={close}
        >
          <X size={20} aria-hidden="true" />
        </button>
      </header>
      <div className="compare-body">
        <EntryList />
        <div className="compare-tabs" role="tablist" aria-label="Compare views">
          {TABS.map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`compare-tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`compare-panel-${id}`}
              tabIndex={tab === id ? 0 : -1}
              onClick={() => setTab(id)}
              onKeyDown={(e) => {
                if (pressed('nextTab', e)) {
                  e.preventDefault();
                  const next = id === 'sweep' ? 'side' : 'sweep';
                  setTab(next);
                  document.getElementById(`compare-tab-${next}`)?.focus();
                }
              }}
            >
              {label}
            </button>
          ))}
        </div>
        {/* Only the visible tab is mounted: its charts are the only ones drawn. */}
        <div
          role="tabpanel"
          id="compare-panel-sweep"
          aria-labelledby="compare-tab-sweep"
          hidden={tab !== 'sweep'}
        >
          {tab === 'sweep' ? <SweepSection /> : null}
        </div>
        <div
          role="tabpanel"
          id="compare-panel-side"
          aria-labelledby="compare-tab-side"
          hidden={tab !== 'side'}
        >
          {tab === 'side' ? <SideSection /> : null}
        </div>
      </div>
    </dialog>
  );
}
