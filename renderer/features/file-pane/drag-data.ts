import type { EntryKind, PaneEntry, PaneSide } from './pane-entry.js';

/**
 * Rows dragged inside the window carry this type, so a drop knows they came from a pane
 * (and which) rather than from the desktop. The payload names the folder and the entries;
 * paths are rebuilt from them at the drop, by the same join the double-click uses.
 */
export const ENTRIES_MIME = 'application/x-portside-entries+json';

export interface DraggedEntry {
  readonly name: string;
  readonly kind: EntryKind;
  readonly size: number | null;
}

export interface DraggedEntries {
  readonly source: PaneSide;
  /** The folder the entries are in (local absolute path or remote path). */
  readonly folder: string;
  readonly entries: readonly DraggedEntry[];
}

const KINDS: ReadonlySet<string> = new Set(['file', 'directory', 'symlink', 'other']);

export function encodeDraggedEntries(data: DraggedEntries): string {
  return JSON.stringify(data);
}

/**
 * Reads the payload back, or null. It is checked field by field: another window (or
 * another app) can put anything under this type, and a malformed payload must not become
 * a transfer.
 */
export function decodeDraggedEntries(text: string): DraggedEntries | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { source, folder, entries } = value as Record<string, unknown>;
  if (source !== 'local' && source !== 'remote') return null;
  if (typeof folder !== 'string' || !Array.isArray(entries)) return null;
  const checked: DraggedEntry[] = [];
  for (const entry of entries as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return null;
    const { name, kind, size } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || name === '' || typeof kind !== 'string' || !KINDS.has(kind))
      return null;
    if (size !== null && typeof size !== 'number') return null;
    checked.push({ name, kind: kind as EntryKind, size });
  }
  return { source, folder, entries: checked };
}

/**
 * The drag in progress inside this window, if any. dragover handlers cannot read the
 * payload (browsers hide it until the drop), yet must decide between copy and move while
 * hovering, so the source side is remembered here from dragstart to dragend.
 */
let current: PaneSide | null = null;

export function beginInternalDrag(side: PaneSide): void {
  current = side;
}

export function endInternalDrag(): void {
  current = null;
}

export function internalDragSource(): PaneSide | null {
  return current;
}

/** A dragged entry as the transfer planner sees it (the fields a drag does not carry are unknown). */
export function draggedAsEntry(entry: DraggedEntry): PaneEntry {
  return {
    name: entry.name,
    kind: entry.kind,
    size: entry.size,
    modified: null,
    permissions: null,
    owner: null,
    group: null,
    linkTarget: null,
  };
}
