import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { priorities, type Priority } from '../../../shared/models/transfer.js';
import { useTransferStore, type QueueTab } from '../../stores/transfer-store.js';
import { ContextMenu, type MenuItem } from '../file-pane/context-menu.js';
import { QUEUE_COLUMNS, queueTemplate } from './queue-columns.js';
import { QueueRow } from './queue-row.js';

const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 24;

export type ItemAction = 'cancel' | 'retry' | 'remove';

export interface QueueListProps {
  readonly tab: QueueTab;
  readonly label: string;
  readonly onAction: (action: ItemAction, ids: readonly string[]) => void;
  readonly onPriority: (priority: Priority, ids: readonly string[]) => void;
}

const PRIORITY_LABEL: Readonly<Record<Priority, string>> = {
  highest: 'Highest',
  high: 'High',
  normal: 'Normal',
  low: 'Low',
  lowest: 'Lowest',
};

/** One tab's items: a virtualised grid with selection, per-row buttons and a context menu. */
export function QueueList({ tab, label, onAction, onPriority }: QueueListProps) {
  // Re-render when this tab's membership or order changes; rows follow their own items.
  useTransferStore((s) => s.layout[tab]);
  const index = useTransferStore((s) => s.index);
  const ids = index?.idsOf(tab) ?? [];
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  const [focused, setFocused] = useState(-1);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const baseId = useId();
  const columns = QUEUE_COLUMNS[tab];

  // The React Compiler is not used here; this only says it would skip this component.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  useEffect(() => {
    if (focused >= 0) virtualizer.scrollToIndex(focused, { align: 'auto' });
  }, [focused, virtualizer]);

  const focusedIndex = Math.min(focused, ids.length - 1);
  /** What an action applies to: the selection, else the focused row. */
  const targets = (): string[] => {
    const chosen = ids.filter((id) => selected.has(id));
    if (chosen.length > 0) return chosen;
    const id = ids[focusedIndex];
    return id === undefined ? [] : [id];
  };

  const select = (row: number, modifiers: { toggle: boolean; range: boolean }) => {
    const id = ids[row];
    if (id === undefined) return;
    setFocused(row);
    if (modifiers.range && anchor !== null) {
      const next = new Set(modifiers.toggle ? selected : []);
      for (let i = Math.min(anchor, row); i <= Math.max(anchor, row); i += 1) {
        const rowId = ids[i];
        if (rowId !== undefined) next.add(rowId);
      }
      setSelected(next);
      return;
    }
    setAnchor(row);
    if (modifiers.toggle) {
      const next = new Set(selected);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      setSelected(next);
    } else setSelected(new Set([id]));
  };

  const rowOf = (event: { target: EventTarget }) => {
    const element = (event.target as Element).closest('[data-index]');
    return element instanceof HTMLElement ? Number(element.dataset['index']) : null;
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const row = rowOf(event);
    if (row === null) return;
    const action = (event.target as Element).closest('[data-action]');
    const id = ids[row];
    if (action instanceof HTMLElement && id !== undefined) {
      onAction(action.dataset['action'] as ItemAction, [id]);
      return;
    }
    select(row, { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey });
  };

  const onContextMenu = (event: MouseEvent<HTMLDivElement>) => {
    event.preventDefault();
    const row = rowOf(event);
    const id = row === null ? undefined : ids[row];
    if (row !== null && id !== undefined && !selected.has(id))
      select(row, { toggle: false, range: false });
    scrollRef.current?.focus();
    setMenu({ x: event.clientX, y: event.clientY });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const modifiers = { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey };
    const move = (row: number) => {
      const clamped = Math.max(0, Math.min(ids.length - 1, row));
      if (modifiers.toggle && !modifiers.range) setFocused(clamped);
      else select(clamped, modifiers);
    };
    switch (event.key) {
      case 'ArrowDown':
        move(focusedIndex + 1);
        break;
      case 'ArrowUp':
        move(focusedIndex < 0 ? 0 : focusedIndex - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(ids.length - 1);
        break;
      case ' ':
        if (focusedIndex >= 0) select(focusedIndex, { toggle: modifiers.toggle, range: false });
        break;
      case 'Delete':
        onAction('remove', targets());
        break;
      case 'a':
      case 'A':
        if (!modifiers.toggle) return;
        setSelected(new Set(ids));
        break;
      case 'ContextMenu':
      case 'F10': {
        if (event.key === 'F10' && !event.shiftKey) return;
        const element = document.getElementById(`${baseId}-${focusedIndex}`) ?? scrollRef.current;
        const rect = element?.getBoundingClientRect();
        setMenu({ x: (rect?.left ?? 0) + 24, y: rect?.bottom ?? 0 });
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const none = targets().length === 0;
  const menuItems: MenuItem[] = [
    {
      id: 'cancel',
      label: 'Cancel',
      disabled: none,
      onSelect: () => onAction('cancel', targets()),
    },
    { id: 'retry', label: 'Retry', disabled: none, onSelect: () => onAction('retry', targets()) },
    {
      id: 'remove',
      label: 'Remove',
      disabled: none,
      onSelect: () => onAction('remove', targets()),
    },
    ...priorities
      .slice()
      .reverse()
      .map((priority, i) => ({
        id: `priority-${priority}`,
        label: `Priority: ${PRIORITY_LABEL[priority]}`,
        disabled: none,
        separatorBefore: i === 0,
        onSelect: () => onPriority(priority, targets()),
      })),
  ];

  const items = virtualizer.getVirtualItems();
  const activeRendered = items.some((item) => item.index === focusedIndex);

  return (
    <>
      <div
        ref={scrollRef}
        role="grid"
        aria-label={label}
        aria-rowcount={ids.length + 1}
        aria-colcount={columns.length}
        aria-multiselectable="true"
        aria-activedescendant={activeRendered ? `${baseId}-${focusedIndex}` : undefined}
        tabIndex={0}
        className="ps-grid ps-queue-grid"
        style={{ ['--ps-columns' as string]: queueTemplate(columns) }}
        onClick={onClick}
        onContextMenu={onContextMenu}
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className="ps-grid-head">
          <div role="row" aria-rowindex={1} className="ps-row ps-head-row">
            {columns.map((column) => (
              <div
                key={column.id}
                role="columnheader"
                className={
                  column.numeric === true
                    ? 'ps-cell ps-queue-head ps-numeric'
                    : 'ps-cell ps-queue-head'
                }
              >
                {column.title}
              </div>
            ))}
          </div>
        </div>
        <div
          role="rowgroup"
          className="ps-grid-body"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const id = ids[item.index];
            if (id === undefined) return null;
            return (
              <QueueRow
                key={id}
                id={id}
                columns={columns}
                rowId={`${baseId}-${item.index}`}
                index={item.index}
                top={item.start - HEADER_HEIGHT}
                selected={selected.has(id)}
                focused={item.index === focusedIndex}
              />
            );
          })}
        </div>
      </div>
      {ids.length === 0 && <p className="ps-queue-empty">No files here.</p>}
      {menu !== null && (
        <ContextMenu
          label={`${label} actions`}
          items={menuItems}
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(null)}
        />
      )}
    </>
  );
}
