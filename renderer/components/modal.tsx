import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { createPortal } from 'react-dom';
import { enterConfirms, tabbables } from './focus.js';
import './modal.css';

export interface ModalProps {
  /** The dialog's visible title and accessible name. */
  readonly title: string;
  /** Esc, and whatever the caller's Cancel button does. */
  readonly onCancel: () => void;
  /** Enter in a field (not in a text area, not on a button, which do their own thing). */
  readonly onConfirm?: (() => void) | undefined;
  readonly children: ReactNode;
  /** The button row. */
  readonly footer?: ReactNode;
  /** What gets focus when the dialog opens; default the first field or button. */
  readonly initialFocus?: RefObject<HTMLElement | null> | undefined;
  readonly role?: 'dialog' | 'alertdialog';
  /** id of the element describing the dialog (a warning, a question). */
  readonly describedBy?: string | undefined;
  readonly size?: 'small' | 'medium' | 'large';
  readonly className?: string | undefined;
}

/**
 * A modal dialog: rendered over the window, with everything else made inert while it is
 * open (so nothing behind it is reachable by Tab, click or a screen reader), focus kept
 * inside, Esc cancelling and Enter confirming, and focus returned where it was on close.
 * Dialogs stack: one opened from another makes its opener inert in turn.
 */
export function Modal({
  title,
  onCancel,
  onConfirm,
  children,
  footer,
  initialFocus,
  role = 'dialog',
  describedBy,
  size = 'medium',
  className,
}: ModalProps) {
  const titleId = useId();
  const layerRef = useRef<HTMLDivElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const layer = layerRef.current;
    if (layer === null) return;
    const madeInert: HTMLElement[] = [];
    for (const sibling of document.body.children) {
      // The attribute rather than the property: it is what CSS and every engine read.
      if (sibling === layer || !(sibling instanceof HTMLElement) || sibling.hasAttribute('inert'))
        continue;
      sibling.setAttribute('inert', '');
      madeInert.push(sibling);
    }
    return () => {
      for (const element of madeInert) element.removeAttribute('inert');
    };
  }, []);

  useEffect(() => {
    const opener = document.activeElement;
    const dialog = dialogRef.current;
    if (dialog !== null) {
      const target = initialFocus?.current ?? firstField(dialog) ?? dialog;
      target.focus();
    }
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
    // Focus is placed once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const dialog = dialogRef.current;
    if (dialog === null || event.nativeEvent.isComposing) return;
    if (event.key === 'Escape') {
      // Stop here: a dialog opened from another one sits inside it in the React tree.
      event.stopPropagation();
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && !event.defaultPrevented && onConfirm !== undefined) {
      if (!enterConfirms(event.target)) return;
      event.stopPropagation();
      event.preventDefault();
      onConfirm();
    } else if (event.key === 'Tab') {
      const stops = tabbables(dialog);
      const first = stops[0];
      const last = stops.at(-1);
      if (first === undefined || last === undefined) {
        event.preventDefault();
        return;
      }
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !dialog.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  return createPortal(
    <div className="modal-layer" ref={layerRef}>
      <div
        ref={dialogRef}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        className={`modal modal-${size}${className === undefined ? '' : ` ${className}`}`}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 className="modal-title" id={titleId}>
          {title}
        </h2>
        <div className="modal-body">{children}</div>
        {footer === undefined ? null : <div className="modal-footer">{footer}</div>}
      </div>
    </div>,
    document.body,
  );
}

/** The first field to type in, else the first tabbable element. */
function firstField(dialog: HTMLElement): HTMLElement | undefined {
  const stops = tabbables(dialog);
  return (
    stops.find(
      (el) =>
        (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(el.type)) ||
        el instanceof HTMLSelectElement ||
        el instanceof HTMLTextAreaElement,
    ) ?? stops[0]
  );
}
