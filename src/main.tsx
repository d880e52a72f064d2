import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './app/theme/app.css';
import { App } from './app/App';
import { startSession } from './app/persistence/session';

// The presenter's window of a lesson (opened by the classroom): its own small page, no session.
if (new URLSearchParams(location.search).has('presenter')) {
  void import('./app/classroom/PresenterApp').then(({ PresenterApp }) =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <PresenterApp />
      </StrictMode>,
    ),
  );
}
// Saved work (or the share link) is read before the first paint, so the canvas never flashes
// the default template over someone's diagram.
else
  void startSession().finally(() => {
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
