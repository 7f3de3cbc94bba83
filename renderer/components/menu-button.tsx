import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './menu-button.css';

export type MenuItem =
  | {
      readonly kind: 'item';
      readonly label: string;
      readonly onSelect: () => void;
      readonly disabled?: boolean;
      readonly shortcut?: string;
    }
  | {
      readonly kind: 'check';
      readonly label: string;
      readonly checked: boolean;
      readonly onSelect: () => void;
      readonly disabled?: boolean;
    }
  | { readonly kind: 'separator' };

export interface MenuButtonProps {
  /** The button's accessible name (and the menu's). */
  readonly label: string;
  /** What the button shows; the label is used when omitted. */
  readonly children?: ReactNode;
  readonly items: readonly MenuItem[];
  readonly className?: string;
  /** The trigger's classes; default a plain button. */
  readonly buttonClassName?: string;
  readonly title?: string;
  readonly align?: 'start' | 'end';
}

/**
 * A button that opens a menu (WAI-ARIA menu button pattern): arrow keys, Home/End and
 * Esc inside the menu, a click outside or Tab closes it, focus returns to the button.
 */
export function MenuButton({
  label,
  children,
  items,
  className,
  buttonClassName = 'btn',
  title,
  align = 'start',
}: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuItems(menuRef.current)[0]?.focus();
    const onPointerDown = (event: PointerEvent): void => {
      const target = event.target as Node | null;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target))
        setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const entries = menuItems(menuRef.current);
    const index = entries.indexOf(document.activeElement as HTMLElement);
    const move = (to: number): void => {
      event.preventDefault();
      entries[(to + entries.length) % entries.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        move(index + 1);
        break;
      case 'ArrowUp':
        move(index - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(entries.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
      default:
        break;
    }
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
    }
  };

  return (
    <div className={`menu-button${className === undefined ? '' : ` ${className}`}`}>
      <button
        ref={buttonRef}
        type="button"
        className={buttonClassName}
        aria-label={children === undefined ? undefined : label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={title}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={onButtonKeyDown}
      >
        {children ?? label}
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          className={`menu menu-${align}`}
          onKeyDown={onMenuKeyDown}
        >
          {items.map((item, index) => {
            switch (item.kind) {
              case 'separator':
                return <div key={index} role="separator" className="menu-separator" />;
              case 'item':
              case 'check':
                return (
                  <button
                    key={index}
                    type="button"
                    role={item.kind === 'check' ? 'menuitemcheckbox' : 'menuitem'}
                    aria-checked={item.kind === 'check' ? item.checked : undefined}
                    tabIndex={-1}
                    disabled={item.disabled}
                    className="menu-item"
                    onClick={() => {
                      close(true);
                      item.onSelect();
                    }}
                  >
                    <span className="menu-check" aria-hidden="true">
                      {item.kind === 'check' && item.checked ? '✓' : ''}
                    </span>
                    <span className="menu-label">{item.label}</span>
                    {item.kind === 'item' && item.shortcut !== undefined ? (
                      <span className="menu-shortcut">{item.shortcut}</span>
                    ) : null}
                  </button>
                );
            }
          })}
        </div>
      ) : null}
    </div>
  );
}

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  if (menu === null) return [];
  return [...menu.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([disabled])')];
}
