import { lazy, Suspense } from 'react';
import { Network } from 'lucide-react';
import { useServiceMap } from './servicemap-store';

// Loaded on first open, like the compare view: most visits never open it.
const ServiceMapView = lazy(() => import('./ServiceMapView').then((m) => ({ default: m.ServiceMapView })));

/** The results header's button (reachable with Tab, opened with Enter). */
export function ServiceMapButton() {
  return (
    <button
      type="button"
      className="results-map-button"
      title="The run as X-Ray's service map: rates, latency and outcomes per node and connection"
      onClick={() => useServiceMap.getState().openMap()}
    >
      <Network size={16} aria-hidden="true" /> Service map
    </button>
  );
}

export function ServiceMapRoot() {
  const open = useServiceMap((s) => s.open);
  return open ? (
    <Suspense fallback={<p role="status">Opening the service map…</p>}>
      <ServiceMapView />
    </Suspense>
  ) : null;
}
