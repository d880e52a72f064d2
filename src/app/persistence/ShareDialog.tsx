import { useMemo, useState } from 'react';
import { useScenarioStore } from '../store/scenario';
import { Dialog } from '../ui/Dialog';
import { shareUrl } from './share-link';

/** The link holds the whole scenario (compressed in the #hash): nothing is uploaded. */
export function ShareDialog({ onClose }: { onClose(): void }) {
  const doc = useScenarioStore((s) => s.doc);
  const url = useMemo(() => shareUrl(doc), [doc]);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <Dialog
      title="Share this scenario"
      onClose={onClose}
      footer={
        <>
          <span className="muted" role="status">
            {copied === 'yes'
              ? '✓ Copied to the clipboard.'
              : copied === 'no'
                ? 'Copying was blocked: select the link and copy it.'
                : ''}
          </span>
          <button type="button" className="button button--primary" onClick={() => void copy()}>
            Copy link
          </button>
        </>
      }
    >
      <p>
        Anyone who opens this link gets a copy of the scenario as it is now. It opens beside their own saved
        work, never over it. The scenario travels inside the link; nothing is uploaded.
      </p>
      <label className="field__label" htmlFor="share-url">
        Link ({url.length.toLocaleString('en-US')} characters)
      </label>
      <textarea
        id="share-url"
        className="input input--json"
        readOnly
        rows={4}
        value={url}
        onFocus={(e) => e.target.select()}
      />
    </Dialog>
  );
}
