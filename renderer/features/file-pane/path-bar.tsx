import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ContextMenu, type MenuItem } from './context-menu.js';
import { escapeControls } from '../../text/escape-controls.js';

export interface PathBarProps {
  /** "Local path" / "Remote path": the field's accessible name (binding, issue 5). */
  readonly label: string;
  /** Shown before the field, like FileZilla's "Local site:". */
  readonly caption: string;
  readonly path: string | null;
  readonly history: readonly string[];
  readonly disabled: boolean;
  readonly onNavigate: (path: string) => void;
}

/**
 * The editable path of a pane: Enter goes there, Escape puts back the folder shown, and
 * a button next to it lists recent folders. (A <datalist> would turn the field into a
 * combobox, which tools and people address differently from a text field.)
 */
export function PathBar({ label, caption, path, history, disabled, onNavigate }: PathBarProps) {
  const inputId = useId();
  const [draft, setDraft] = useState(path ?? '');
  const [shown, setShown] = useState(path);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // The field follows the folder shown whenever that changes (a double-click, "..", a
  // refresh elsewhere), replacing whatever was being typed.
  if (path !== shown) {
    setShown(path);
    setDraft(path ?? '');
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const target = draft.trim() === '' ? null : draft;
    if (target !== null && !disabled) onNavigate(target);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setDraft(path ?? '');
    }
  };

  const openHistory = () => {
    const rect = buttonRef.current?.getBoundingClientRect();
    setMenu({ x: rect?.left ?? 0, y: rect?.bottom ?? 0 });
  };

  const items: MenuItem[] = history.map((folder, index) => ({
    id: String(index),
    label: escapeControls(folder),
    onSelect: () => onNavigate(folder),
  }));

  return (
    <form className="ps-path-bar" onSubmit={submit}>
      <label htmlFor={inputId} className="ps-path-caption">
        {caption}
      </label>
      <input
        id={inputId}
        className="ps-input ps-path-input"
        aria-label={label}
        value={draft}
        disabled={disabled}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button
        ref={buttonRef}
        type="button"
        className="ps-icon-button"
        aria-label={`Recent folders (${label})`}
        aria-haspopup="menu"
        aria-expanded={menu !== null}
        disabled={disabled || history.length === 0}
        onClick={openHistory}
      >
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
          <path d="M3 6l5 5 5-5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </button>
      {menu !== null && (
        <ContextMenu
          label={`Recent folders (${label})`}
          items={items}
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(null)}
        />
      )}
    </form>
  );
}
