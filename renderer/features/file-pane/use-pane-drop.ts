import { useState, type DragEvent } from 'react';
import { PARENT_ROW, rowKeyAt, type PaneState } from '../../stores/pane-stores/pane-store.js';
import {
  ENTRIES_MIME,
  beginInternalDrag,
  decodeDraggedEntries,
  encodeDraggedEntries,
  endInternalDrag,
  internalDragSource,
} from './drag-data.js';
import type { PaneController } from './pane-controller.js';
import type { PaneEntry } from './pane-entry.js';

/** Where a drop lands: a row of the list, a node of the tree, or the folder shown. */
export type DropTarget =
  | { readonly kind: 'row'; readonly key: string }
  | { readonly kind: 'tree'; readonly path: string }
  | { readonly kind: 'folder' };

const FOLDER: DropTarget = { kind: 'folder' };

function targetOf(event: DragEvent<HTMLElement>, state: PaneState): DropTarget {
  const element = event.target as Element;
  const node = element.closest?.('[role="treeitem"][data-path]');
  if (node instanceof HTMLElement && node.dataset['path'] !== undefined) {
    return { kind: 'tree', path: node.dataset['path'] };
  }
  const row = element.closest?.('[role="grid"] [data-index]');
  if (!(row instanceof HTMLElement)) return FOLDER;
  const key = rowKeyAt(state, Number(row.dataset['index']));
  // Only folders (and "..") take drops; anywhere else in the list means "this folder".
  if (key === PARENT_ROW || (key !== undefined && state.byName.get(key)?.kind === 'directory')) {
    return { kind: 'row', key };
  }
  return FOLDER;
}

function sameTarget(a: DropTarget | null, b: DropTarget | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'row' && b.kind === 'row') return a.key === b.key;
  if (a.kind === 'tree' && b.kind === 'tree') return a.path === b.path;
  return a.kind === b.kind;
}

/**
 * Drag and drop for one pane. Rows carry ENTRIES_MIME so a drop knows its source pane:
 * from the other pane they are transferred, within this pane they are moved into a folder
 * (a row or a tree node, never the folder they are in), and files from the desktop are
 * uploaded where the pane accepts them. The whole pane is a drop zone, not just the list.
 */
export function usePaneDrop(controller: PaneController) {
  const { store, side } = controller;
  const [target, setTarget] = useState<DropTarget | null>(null);

  const show = (next: DropTarget | null) => {
    if (!sameTarget(next, target)) setTarget(next);
  };

  const accepts = (event: DragEvent<HTMLElement>, where: DropTarget, state: PaneState): boolean => {
    if (state.path === null) return false;
    const types = Array.from(event.dataTransfer.types);
    if (types.includes(ENTRIES_MIME)) {
      if (internalDragSource() !== side) {
        event.dataTransfer.dropEffect = 'copy';
        return true;
      }
      const ok =
        (where.kind === 'row' && !state.selection.has(where.key)) ||
        (where.kind === 'tree' && where.path !== state.path);
      event.dataTransfer.dropEffect = ok ? 'move' : 'none';
      return ok;
    }
    if (types.includes('Files') && controller.dropFiles !== undefined) {
      event.dataTransfer.dropEffect = 'copy';
      return true;
    }
    return false;
  };

  const folderOf = (where: DropTarget, state: PaneState & { path: string }): string => {
    switch (where.kind) {
      case 'tree':
        return where.path;
      case 'folder':
        return state.path;
      case 'row':
        return where.key === PARENT_ROW
          ? (state.parent ?? state.path)
          : controller.join(state.path, where.key);
    }
  };

  const onDragOver = (event: DragEvent<HTMLElement>) => {
    const state = store.getState();
    const where = targetOf(event, state);
    if (!accepts(event, where, state)) {
      show(null);
      if (Array.from(event.dataTransfer.types).includes('Files')) {
        // Files this pane cannot take: say "no" explicitly. Left alone, the browser would
        // take the drop itself and open the file in place of the app.
        event.preventDefault();
        event.dataTransfer.dropEffect = 'none';
      }
      return;
    }
    event.preventDefault(); // accept the drop
    show(where);
  };

  const onDragLeave = (event: DragEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) show(null);
  };

  const onDrop = (event: DragEvent<HTMLElement>) => {
    setTarget(null);
    const state = store.getState();
    const where = targetOf(event, state);
    if (state.path === null || !accepts(event, where, state)) return;
    event.preventDefault();
    const folder = folderOf(where, { ...state, path: state.path });
    const payload = event.dataTransfer.getData(ENTRIES_MIME);
    endInternalDrag();
    if (payload !== '') {
      const data = decodeDraggedEntries(payload);
      if (data === null) state.setError('The dropped items could not be read.');
      else controller.dropEntries(data, folder);
      return;
    }
    // Reads the DataTransfer now, inside the event (it is emptied when the handler returns).
    controller.dropFiles?.(event.dataTransfer, folder);
  };

  const onRowDragStart = (event: DragEvent<HTMLElement>, entries: readonly PaneEntry[]) => {
    const path = store.getState().path;
    if (path === null || entries.length === 0) {
      event.preventDefault();
      return;
    }
    beginInternalDrag(side);
    event.dataTransfer.setData(
      ENTRIES_MIME,
      encodeDraggedEntries({
        source: side,
        folder: path,
        entries: entries.map(({ name, kind, size }) => ({ name, kind, size })),
      }),
    );
    event.dataTransfer.effectAllowed = 'copyMove';
  };

  const onDragEnd = () => {
    endInternalDrag();
    setTarget(null);
  };

  return {
    target,
    /** For the list: the row to highlight, null for "the whole folder", undefined for none. */
    dropKey:
      target === null
        ? undefined
        : target.kind === 'row'
          ? target.key
          : target.kind === 'folder'
            ? null
            : undefined,
    dropPath: target?.kind === 'tree' ? target.path : null,
    zone: { onDragOver, onDragLeave, onDrop },
    onRowDragStart,
    onDragEnd,
  };
}
