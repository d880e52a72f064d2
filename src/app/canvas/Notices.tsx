import { Info, OctagonX, X } from 'lucide-react';
import { useNotices } from './notices';

export function Notices() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice--${n.tone}`}
          role={n.tone === 'refused' ? 'alert' : 'status'}
          data-testid={n.tone === 'refused' ? 'refusal' : 'notice'}
        >
          <span className="notice__icon" aria-hidden="true">
            {n.tone === 'refused' ? <OctagonX size={20} /> : <Info size={20} />}
          </span>
          <span className="notice__text">
            {n.tone === 'refused' ? <strong>Connection refused: </strong> : null}
            {n.text}
          </span>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss message"
            onClick={() => dismiss(n.id)}
          >
            <X size={16} aria-hidden="true" />
          </button>
        </div>
      ))}
    </div>
  );
}
