import type { LocalEntry } from '../../../shared/models/local-entry.js';
import type { RemoteEntry } from '../../../shared/models/remote-entry.js';

export type EntryKind = RemoteEntry['kind'];

/**
 * One row of either pane. Local and remote listings differ only in the fields the local
 * file system does not have (owner, group, link target), so both panes share one shape and
 * one list component; the local side fills those with null.
 */
export interface PaneEntry {
  readonly name: string;
  readonly kind: EntryKind;
  readonly size: number | null;
  readonly modified: number | null;
  readonly permissions: string | null;
  readonly owner: string | null;
  readonly group: string | null;
  readonly linkTarget: string | null;
}

export function fromLocalEntries(entries: readonly LocalEntry[]): PaneEntry[] {
  return entries.map((entry) => ({
    name: entry.name,
    kind: entry.kind,
    size: entry.size,
    modified: entry.modified,
    permissions: entry.permissions,
    owner: null,
    group: null,
    linkTarget: null,
  }));
}

export type PaneSide = 'local' | 'remote';

export function isFolder(entry: PaneEntry): boolean {
  return entry.kind === 'directory';
}

/**
 * Whether opening the entry means navigating into it. A symlink may point at a folder and
 * neither listing format says which, so it is tried as a folder (FileZilla does the same);
 * a failed listing then reports the error.
 */
export function opensAsFolder(entry: PaneEntry): boolean {
  return entry.kind === 'directory' || entry.kind === 'symlink';
}
