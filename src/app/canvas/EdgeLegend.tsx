import { useState } from 'react';
import { Panel, useStore } from '@xyflow/react';
import { X } from 'lucide-react';
import { LOOK_TEXT, LOOKS, type EdgeLook } from './edge-style';

const OPEN_KEY = 'sim.legend.open';

/** The person's own choice, if they made one: open ('1') or folded ('0'). */
function storedChoice(): boolean | null {
  try {
    const v = localStorage.getItem(OPEN_KEY);
    return v === '1' ? true : v === '0' ? false : null;
  } catch {
    return null;
  }
}

/**
 * Below this canvas height the key starts folded: open, it would take a third of the width
 * from the diagram (at 1366×768 with the results open, the orchestration template's labels
 * would be drawn under 10 px).
 */
const SHORT_CANVAS_PX = 440;

/**
 * What the lines mean: one sample per style used in this diagram, with its words. Beside the
 * zoom buttons; folds to a "Key" button. Open or folded as the person last chose; until they
 * choose, open unless the canvas is short.
 */
export function EdgeLegend({ used }: { used: ReadonlySet<EdgeLook> }) {
  const [choice, setChoice] = useState(storedChoice);
  const short = useStore((s) => s.height > 0 && s.height < SHORT_CANVAS_PX);
  const open = choice ?? !short;
  const choose = (next: boolean) => {
    setChoice(next);
    try {
      localStorage.setItem(OPEN_KEY, next ? '1' : '0');
    } catch {
      /* not remembered */
    }
  };
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
              onClick={() => choose(false)}
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
          title="Show the key to the connections"
          onClick={() => choose(true)}
        >
          Key
        </button>
      )}
    </Panel>
  );
}
