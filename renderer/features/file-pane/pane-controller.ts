import type { PaneStore } from '../../stores/pane-stores/pane-store.js';
import type { DraggedEntries } from './drag-data.js';
import type { PaneEntry, PaneSide } from './pane-entry.js';

/**
 * What a pane can do, built by the local and the remote pane over their own channels.
 * The shared FilePane component draws the same UI over either. Methods read the store at
 * call time, so a controller stays the same object while the user works.
 */
export interface PaneController {
  readonly side: PaneSide;
  readonly store: PaneStore;
  /** Characters a single name may not contain on this side. */
  readonly separators: readonly string[];
  readonly join: (folder: string, name: string) => string;
  readonly ancestors: (path: string) => readonly string[];
  /** Lists and shows a folder; `focus` puts the keyboard focus on a row of it. */
  readonly navigate: (path: string, focus?: string) => Promise<boolean>;
  readonly refresh: () => void;
  readonly goUp: () => void;
  /** Double-click / Enter: a folder opens, a file is transferred to the other pane. */
  readonly open: (entry: PaneEntry) => void;
  /** Download (remote) or Upload (local) into the other pane's folder. */
  readonly transfer: (entries: readonly PaneEntry[]) => void;
  /** "Add files to queue": like transfer, but the queue is not started. */
  readonly addToQueue: (entries: readonly PaneEntry[]) => void;
  readonly createFolder: (name: string) => Promise<void>;
  readonly rename: (from: string, to: string) => Promise<void>;
  readonly remove: (entries: readonly PaneEntry[]) => Promise<void>;
  /** Remote only: set the mode (octal text) of each entry. */
  readonly chmod?: (entries: readonly PaneEntry[], mode: string) => Promise<void>;
  /** "Copy URL" (remote, never with a password) or "Copy path" (local). */
  readonly copyLocation: (entries: readonly PaneEntry[]) => void;
  readonly copyLabel: string;
  /** Rows dropped here from a pane: transferred from the other one, moved within this one. */
  readonly dropEntries: (data: DraggedEntries, targetFolder: string) => void;
  /** Files from the desktop; must read the DataTransfer before returning (see drop-files). */
  readonly dropFiles?: (dataTransfer: DataTransfer, targetFolder: string) => void;
  /** Lists a folder for the tree only. */
  readonly loadTreeFolder: (path: string) => void;
}
