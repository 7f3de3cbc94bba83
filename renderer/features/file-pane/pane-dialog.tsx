import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';

export interface PaneDialogProps {
  readonly role: 'dialog' | 'alertdialog';
  readonly title: string;
  /** Element ids (inside the dialog) that describe it, for alertdialogs. */
  readonly describedBy?: string;
  /** Escape, or the Cancel button. */
  readonly onCancel: () => void;
  /** A selector (inside the dialog) for the element that gets focus on open. */
  readonly initialFocus: string;
  readonly children: ReactNode;
}

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The small modal dialogs the panes need (confirm delete, name a folder, permissions):
 * named by their title, focus moved in on open and kept inside (Tab wraps), Escape
 * cancels, focus returns where it was on close. Focus is moved in an effect, not with
 * autoFocus, so it lands after a closing context menu has restored its own focus.
 */
export function PaneDialog({
  role,
  title,
  describedBy,
  onCancel,
  initialFocus,
  children,
}: PaneDialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const onCancelRef = useRef(onCancel);
  useLayoutEffect(() => {
    onCancelRef.current = onCancel;
  });

  useEffect(() => {
    // Read here, not during render: a context menu that opened this dialog has by now
    // unmounted and given the focus back to the list, which is where it should return.
    const returnTo = document.activeElement;
    ref.current?.querySelector<HTMLElement>(initialFocus)?.focus();
    return () => {
      if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus();
    };
  }, [initialFocus]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancelRef.current();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = [...(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (first === undefined || last === undefined) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="ps-dialog-backdrop">
      <div
        ref={ref}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        className="ps-dialog"
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="ps-dialog-title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}
