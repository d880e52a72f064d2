import { useEffect, useId, useRef, type ReactNode } from 'react';
import { X } from 'lucide-react';

/**
 * A modal built on <dialog>: the browser traps focus, closes on Escape and restores focus
 * afterwards. Rendered only while open.
 */
/**
 * Opens a <dialog> as a modal when it mounts (or as a plain open dialog where showModal is
 * missing, e.g. jsdom) and turns Escape into onClose, so React state stays the one truth.
 */
export function useModalDialog(onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
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
  return ref;
}

export function Dialog(props: {
  title: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
  footer?: ReactNode;
}) {
  const titleId = useId();
  const { onClose } = props;
  const ref = useModalDialog(onClose);
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
