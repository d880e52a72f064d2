import { useEffect, useId, useRef, type ReactNode } from 'react';
import { X } from 'lucide-react';

/**
 * A modal built on <dialog>: the browser traps focus, closes on Escape and restores focus
 * afterwards. Rendered only while open.
 */
export function Dialog(props: { title: string; onClose(): void; children: ReactNode; wide?: boolean; footer?: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { onClose } = props;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (typeof d.showModal === 'function' && !d.open) d.showModal();
    else d.setAttribute('open', '');
    const onCancel = (e: Event) => {
      e.preventDefault();
      onClose();
    };
    d.addEventListener('cancel', onCancel);
    return () => d.removeEventListener('cancel', onCancel);
  }, [onClose]);
  return (
    <dialog ref={ref} className={`dialog${props.wide ? ' dialog--wide' : ''}`} aria-labelledby={titleId}>
      <header className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {props.title}
        </h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <X size={20} aria-hidden="true" />
        </button>
      </header>
      <div className="dialog__body">{props.children}</div>
      {props.footer ? <footer className="dialog__footer">{props.footer}</footer> : null}
    </dialog>
  );
}
