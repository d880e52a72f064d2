import { lazy, Suspense, useEffect } from 'react';
import { Scale } from 'lucide-react';
import { useScenarioStore } from '../store/scenario';
import { ToolButton } from '../ui/ToolButton';
import { presetEntries, useCompare, type CompareEntry } from './compare-store';

// Loaded on first open: most visits never compare, and the main bundle's parse time is the
// page's one long task at load.
const CompareView = lazy(() => import('./CompareView').then((m) => ({ default: m.CompareView })));

/** The diagram on the canvas as a comparison entry. */
function canvasEntry(): CompareEntry {
  const doc = structuredClone(useScenarioStore.getState().doc);
  return { key: 'canvas', name: doc.name, source: 'canvas', doc };
}

/**
 * Opens the compare view: with the scenarios it had, or (the first time) with the diagram on
 * the canvas, or the preset when the diagram is one of the compare templates.
 */
export function openCompare(): void {
  const c = useCompare.getState();
  if (c.entries.length > 0) c.openWith();
  else if (/^Compare: /.test(useScenarioStore.getState().doc.name)) c.openWith(presetEntries());
  else c.openWith([canvasEntry()]);
}

/** The top bar's button. */
export function CompareButton() {
  const open = useCompare((s) => s.open);
  return (
    <ToolButton
      wide={false}
      icon={<Scale size={20} aria-hidden="true" />}
      label="Compare"
      tip="Compare designs: cost against load, side by side"
      pressed={open}
      onClick={openCompare}
    />
  );
}

/**
 * The view when open, and the URL flag: ?compare=preset opens the four compare templates,
 * ?compare (any other value) the diagram.
 */
export function CompareRoot() {
  const open = useCompare((s) => s.open);
  useEffect(() => {
    const flag = new URLSearchParams(location.search).get('compare');
    if (flag === null) return;
    useCompare.getState().openWith(flag === 'preset' ? presetEntries() : [canvasEntry()]);
  }, []);
  return open ? (
    <Suspense
      fallback={
        <p
          role="status"
          style={{ position: 'fixed', inset: '40% 0 auto', textAlign: 'center', fontSize: '1.2em' }}
        >
          Opening the compare view…
        </p>
      }
    >
      <CompareView />
    </Suspense>
  ) : null;
}
