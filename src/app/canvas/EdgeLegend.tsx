import { useEffect, useState } from 'react';
import { Panel } from '@xyflow/react';
import { X } from 'lucide-react';
import { LOOK_TEXT, LOOKS, type EdgeLook } from './edge-style';

const OPEN_KEY = 'sim.legend.open';

function storedOpen(): boolean {
  try {
    return localStorage.getItem(OPEN_KEY) !== '0';
  } catch {
    return true;
  }
}

/**
 * What the lines mean: one sample per style used in this diagram, with its words. Beside the
 * zoom buttons; folds to a "Key" button (remembered).
 */
export function EdgeLegend({ used }: { used: ReadonlySet<EdgeLook> }) {
  const [open, setOpen] = useState(storedOpen);
  useEffect(() => {
    try {
      localStorage.setItem(OPEN_KEY, open ? '1' : '0');
    } catch {
      /* not remembered */
    }
  }, [open]);
  const looks = LOOKS.filter((l) => used.has(l));
  if (looks.length === 0) return null;
  return (
    <Panel position="bottom-left" className="edge-legend-slot">
      {open ? (
        <section className="edge-legend" aria-labelledby="edge-legend-title">
          <header className="edge-legend__head">
            <h2 id="edge-legend-title" className="edge-legend__title">
              Connections
            </h2>
            <button
              type="button"
              className="icon-button icon-button--small"
              aria-label="Hide the key to the connections"
              title="Hide the key"
              aria-expanded="true"
              onClick={() => setOpen(false)}
            >
              <X size={14} aria-hidden="true" />
            </button>
          </header>
          <ul className="edge-legend__list">
            {looks.map((l) => (
              <li key={l} data-look={l}>
                <svg width="36" height="10" aria-hidden="true" className="edge-legend__sample">
                  <path d="M 2 5 L 34 5" className={`kind-edge kind-edge--${l}`} />
                </svg>
                {LOOK_TEXT[l]}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <button
          type="button"
          className="button button--small"
          aria-expanded="false"
          onClick={() => setOpen(true)}
        >
          Key
        </button>
      )}
    </Panel>
  );
}
