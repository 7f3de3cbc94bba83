import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  type DragEvent,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { PARENT_ROW, type PaneStore } from '../../stores/pane-stores/pane-store.js';
import { gridTemplate, type ColumnSpec } from './columns.js';
import { FileRow, type RenameHandlers } from './file-row.js';
import type { PaneEntry } from './pane-entry.js';

/** Fixed heights keep the virtualiser exact: no measuring, no jumps while scrolling. */
export const ROW_HEIGHT = 22;
export const HEADER_HEIGHT = 24;
/** Rows rendered beyond the visible ones, each way: enough for smooth wheel scrolling. */
const OVERSCAN = 8;

export interface FileListProps {
  readonly store: PaneStore;
  readonly label: string;
  readonly columns: readonly ColumnSpec[];
  /** The row key being renamed, with what to do when the editor closes. */
  readonly renaming: string | null;
  readonly renameHandlers: RenameHandlers;
  readonly onOpen: (key: string) => void;
  readonly onGoUp: () => void;
  readonly onRename: (key: string) => void;
  readonly onDelete: () => void;
  readonly onRefresh: () => void;
  readonly onMenu: (x: number, y: number) => void;
  readonly onDragStart: (event: DragEvent<HTMLElement>, entries: readonly PaneEntry[]) => void;
  readonly onDragEnd: () => void;
  /** Where a drag hovering over the pane would drop: a row key, null for the whole folder. */
  readonly dropKey: string | null | undefined;
}

function rowKeyAt(sorted: readonly PaneEntry[], hasParent: boolean, index: number) {
  if (hasParent) return index === 0 ? PARENT_ROW : sorted[index - 1]?.name;
  return sorted[index]?.name;
}

function indexFromEvent(event: { target: EventTarget }): number | null {
  const row = (event.target as Element).closest?.('[data-index]');
  if (!(row instanceof HTMLElement)) return null;
  const index = Number(row.dataset['index']);
  return Number.isInteger(index) ? index : null;
}

/**
 * The file list: a virtualised ARIA grid. The grid element itself scrolls and keeps DOM
 * focus; the focused row is announced through aria-activedescendant, so focus survives
 * its row being recycled by the virtualiser. Rows are named by the file name.
 */
export function FileList(props: FileListProps) {
  const { store, label, columns, renaming, renameHandlers } = props;
  const sorted = store((s) => s.sorted);
  const hasParent = store((s) => s.parent !== null);
  const selection = store((s) => s.selection);
  const focused = store((s) => s.focused);
  const sort = store((s) => s.sort);
  const loading = store((s) => s.loadingPath !== null);
  const rowOf = store((s) => s.rowOf);
  const { dropKey } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const baseId = useId();

  const count = sorted.length + (hasParent ? 1 : 0);
  // The React Compiler is not used here; this only says it would skip this component.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // The header sits above the rows inside the scrolled element (sticky), so the rows
    // start below it and scrolling to a row must not hide it under the header.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  const focusedIndex =
    focused === null
      ? -1
      : focused === PARENT_ROW
        ? hasParent
          ? 0
          : -1
        : (rowOf.get(focused) ?? -1);

  // Keep the focused row on screen (and therefore in the DOM) as the keyboard moves it.
  useEffect(() => {
    if (focusedIndex >= 0) virtualizer.scrollToIndex(focusedIndex, { align: 'auto' });
  }, [focusedIndex, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const focusedRendered = items.some((item) => item.index === focusedIndex);
  const rowId = (index: number) => `${baseId}-row-${index}`;

  const keyAt = useCallback(
    (index: number) => rowKeyAt(sorted, hasParent, index),
    [sorted, hasParent],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return; // header buttons, the rename field
    const state = store.getState();
    const modifiers = { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey };
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const focusedKey = state.focused;
    switch (event.key) {
      case 'ArrowDown':
        state.moveFocus(1, modifiers);
        break;
      case 'ArrowUp':
        state.moveFocus(-1, modifiers);
        break;
      case 'PageDown':
        state.moveFocus(page, modifiers);
        break;
      case 'PageUp':
        state.moveFocus(-page, modifiers);
        break;
      case 'Home':
        state.moveFocus(-Number.MAX_SAFE_INTEGER, modifiers);
        break;
      case 'End':
        state.moveFocus(Number.MAX_SAFE_INTEGER, modifiers);
        break;
      case ' ':
        if (modifiers.toggle) state.toggleFocused();
        else if (focusedKey !== null) state.clickRow(focusedKey, modifiers);
        break;
      case 'Enter':
        if (focusedKey !== null) props.onOpen(focusedKey);
        break;
      case 'Backspace':
        props.onGoUp();
        break;
      case 'F2':
        if (focusedKey !== null && focusedKey !== PARENT_ROW) props.onRename(focusedKey);
        break;
      case 'Delete':
        props.onDelete();
        break;
      case 'F5':
        props.onRefresh();
        break;
      case 'Escape':
        state.clearSelection();
        break;
      case 'ContextMenu':
        openMenuAtFocus();
        break;
      case 'F10':
        if (!event.shiftKey) return;
        openMenuAtFocus();
        break;
      case 'a':
      case 'A':
        if (!modifiers.toggle) return;
        state.selectAll();
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const openMenuAtFocus = () => {
    const grid = scrollRef.current;
    if (grid === null) return;
    const row = focusedIndex >= 0 ? document.getElementById(rowId(focusedIndex)) : null;
    const rect = (row ?? grid).getBoundingClientRect();
    props.onMenu(rect.left + 24, row === null ? rect.top + HEADER_HEIGHT : rect.bottom);
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if ((event.target as Element).closest('[role="columnheader"]') !== null) return;
    const index = indexFromEvent(event);
    const state = store.getState();
    if (index === null) {
      state.clearSelection(); // a click on the empty space below the rows
      return;
    }
    const key = keyAt(index);
    if (key !== undefined)
      state.clickRow(key, { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey });
  };

  const onDoubleClick = (event: MouseEvent<HTMLDivElement>) => {
    const index = indexFromEvent(event);
    const key = index === null ? undefined : keyAt(index);
    if (key !== undefined) props.onOpen(key);
  };

  const onContextMenu = (event: MouseEvent<HTMLDivElement>) => {
    event.preventDefault();
    const state = store.getState();
    const index = indexFromEvent(event);
    const key = index === null ? undefined : keyAt(index);
    // Right-clicking outside the selection selects that row alone (as every file manager).
    if (key === undefined) state.clearSelection();
    else if (!state.selection.has(key)) state.clickRow(key, { toggle: false, range: false });
    scrollRef.current?.focus();
    props.onMenu(event.clientX, event.clientY);
  };

  const onDragStart = (event: DragEvent<HTMLDivElement>) => {
    const index = indexFromEvent(event);
    const key = index === null ? undefined : keyAt(index);
    if (key === undefined || key === PARENT_ROW) {
      event.preventDefault();
      return;
    }
    const state = store.getState();
    if (!state.selection.has(key)) state.clickRow(key, { toggle: false, range: false });
    const { selection, byName } = store.getState();
    const entries = [...selection].flatMap((name) => byName.get(name) ?? []);
    props.onDragStart(event, entries);
  };

  const template = gridTemplate(columns);

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={label}
      aria-rowcount={count + 1}
      aria-colcount={columns.length}
      aria-multiselectable="true"
      aria-busy={loading}
      aria-activedescendant={focusedRendered ? rowId(focusedIndex) : undefined}
      tabIndex={0}
      className={dropKey === null ? 'ps-grid ps-drop-here' : 'ps-grid'}
      style={{ ['--ps-columns' as string]: template }}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
      onContextMenu={onContextMenu}
      onDragStart={onDragStart}
      onDragEnd={props.onDragEnd}
    >
      <div role="rowgroup" className="ps-grid-head">
        <div role="row" aria-rowindex={1} className="ps-row ps-head-row">
          {columns.map((column) => {
            const active = sort.column === column.id;
            return (
              <div
                key={column.id}
                role="columnheader"
                aria-sort={active ? sort.direction : 'none'}
                className={column.numeric === true ? 'ps-cell ps-numeric' : 'ps-cell'}
              >
                <button
                  type="button"
                  className="ps-sort"
                  onClick={() => store.getState().sortBy(column.id)}
                >
                  {column.title}
                  <span aria-hidden="true" className="ps-sort-mark">
                    {active ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="ps-grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const key = keyAt(item.index);
          if (key === undefined) return null;
          const entry = hasParent ? (sorted[item.index - 1] ?? null) : (sorted[item.index] ?? null);
          return (
            <FileRow
              key={key}
              id={rowId(item.index)}
              index={item.index}
              entry={entry}
              columns={columns}
              top={item.start - HEADER_HEIGHT}
              selected={key !== PARENT_ROW && selection.has(key)}
              focused={item.index === focusedIndex}
              dropTarget={dropKey === key}
              rename={renaming === key ? renameHandlers : undefined}
            />
          );
        })}
      </div>
    </div>
  );
}
