import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';

export interface MenuItem {
  readonly id: string;
  readonly label: string;
  readonly disabled?: boolean;
  /** Draws a separator above this item. */
  readonly separatorBefore?: boolean;
  readonly onSelect: () => void;
}

export interface ContextMenuProps {
  /** The menu's accessible name ("Local file actions"). */
  readonly label: string;
  readonly items: readonly MenuItem[];
  /** Viewport coordinates of the top-left corner (the pointer, or the focused row). */
  readonly x: number;
  readonly y: number;
  /** Called for Escape, Tab, a click elsewhere, or after an item ran. */
  readonly onClose: () => void;
}

/**
 * A context menu per the WAI-ARIA menu pattern: focus moves into it on open, arrows move
 * between enabled items (wrapping), Home/End jump, Enter or Space runs an item, Escape
 * and Tab close it, and focus goes back where it was. Rendered into document.body so no
 * ancestor's overflow or transform clips or shifts it.
 */
export function ContextMenu({ label, items, x, y, onClose }: ContextMenuProps) {
  const menuRef = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ left: x, top: y });
  const enabled = items.filter((item) => item.disabled !== true);
  const [active, setActive] = useState(() => enabled[0]?.id ?? null);
  // Where focus was when the menu opened; it goes back there when the menu closes.
  const [returnTo] = useState(() => document.activeElement);

  useLayoutEffect(() => {
    // Keep the menu inside the window: flip left/up when it would overflow.
    const menu = menuRef.current;
    if (menu === null) return;
    const { width, height } = menu.getBoundingClientRect();
    setPosition({
      left: x + width > window.innerWidth ? Math.max(0, x - width) : x,
      top: y + height > window.innerHeight ? Math.max(0, y - height) : y,
    });
  }, [x, y]);

  useEffect(() => {
    const menu = menuRef.current;
    if (menu === null) return;
    const target = [...menu.querySelectorAll<HTMLElement>('[data-item]')].find(
      (element) => element.dataset['item'] === active,
    );
    (target ?? menu).focus();
  }, [active]);

  // The latest onClose, for listeners installed once (a parent's new callback on each
  // render must not reinstall them, which would also bounce the focus).
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const close = () => onCloseRef.current();
    const onPointerDown = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) close();
    };
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('blur', close);
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('blur', close);
      if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus();
    };
  }, [returnTo]);

  const move = (to: 'next' | 'previous' | 'first' | 'last') => {
    if (enabled.length === 0) return;
    const current = enabled.findIndex((item) => item.id === active);
    const index =
      to === 'first'
        ? 0
        : to === 'last'
          ? enabled.length - 1
          : (current + (to === 'next' ? 1 : -1) + enabled.length) % enabled.length;
    setActive(enabled[index]?.id ?? null);
  };

  const run = (item: MenuItem) => {
    if (item.disabled === true) return;
    onClose();
    item.onSelect();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        move('next');
        break;
      case 'ArrowUp':
        move('previous');
        break;
      case 'Home':
        move('first');
        break;
      case 'End':
        move('last');
        break;
      case 'Escape':
      case 'Tab':
        onClose();
        break;
      case 'Enter':
      case ' ': {
        const item = items.find((candidate) => candidate.id === active);
        if (item !== undefined) run(item);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return createPortal(
    <div
      ref={menuRef}
      role="menu"
      aria-label={label}
      className="ps-menu"
      tabIndex={-1}
      style={{ left: position.left, top: position.top }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item) => (
        <div
          key={item.id}
          role="none"
          className={item.separatorBefore === true ? 'ps-menu-group' : undefined}
        >
          <button
            type="button"
            role="menuitem"
            className="ps-menu-item"
            data-item={item.id}
            tabIndex={item.id === active ? 0 : -1}
            aria-disabled={item.disabled === true ? true : undefined}
            onClick={() => run(item)}
            onPointerMove={() => {
              if (item.disabled !== true && item.id !== active) setActive(item.id);
            }}
          >
            {item.label}
          </button>
        </div>
      ))}
    </div>,
    document.body,
  );
}
