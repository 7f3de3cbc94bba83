import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { totalsOf, type EntryTotals } from '../../features/file-pane/format.js';
import type { PaneEntry } from '../../features/file-pane/pane-entry.js';
import {
  DEFAULT_SORT,
  compareNames,
  nextSort,
  sortEntries,
  type SortColumn,
  type SortOrder,
} from '../../features/file-pane/sort-entries.js';

/** The key of the ".." row. No listing ever holds an entry named '..' (the engine and the
 * local file system drop it), so it cannot collide with a file. */
export const PARENT_ROW = '..';

/** Recent folders offered by the path bar. */
export const HISTORY_LENGTH = 20;

export interface PaneListing {
  readonly path: string;
  /** Where ".." leads; null at a root. */
  readonly parent: string | null;
  readonly entries: readonly PaneEntry[];
}

export interface Modifiers {
  /** Ctrl on Windows/Linux, Cmd on macOS: toggle one row. */
  readonly toggle: boolean;
  /** Shift: extend from the anchor. */
  readonly range: boolean;
}

export interface PaneState {
  /** The folder shown; null until the first listing arrives. */
  readonly path: string | null;
  readonly parent: string | null;
  readonly entries: readonly PaneEntry[];
  /** `entries` in display order, recomputed only when the listing or the sort changes. */
  readonly sorted: readonly PaneEntry[];
  /** Row index of each name in `sorted` (offset by the ".." row), for O(1) keyboard moves. */
  readonly rowOf: ReadonlyMap<string, number>;
  readonly byName: ReadonlyMap<string, PaneEntry>;
  readonly totals: EntryTotals;
  readonly sort: SortOrder;
  /** Folder being listed, or null. */
  readonly loadingPath: string | null;
  readonly error: string | null;
  /** Selected names (never the ".." row). */
  readonly selection: ReadonlySet<string>;
  /** Where a Shift-click or Shift+arrow range starts. */
  readonly anchor: string | null;
  /** The row with keyboard focus (a name or PARENT_ROW). */
  readonly focused: string | null;
  /** Recent folders, most recent first. */
  readonly history: readonly string[];
  /** Sub-folder names of every folder listed so far, for the folder tree. */
  readonly folders: ReadonlyMap<string, readonly string[]>;
  readonly expanded: ReadonlySet<string>;
  readonly treeVisible: boolean;

  /** Marks `path` as being listed; returns the token its answer must present. */
  readonly startListing: (path: string) => number;
  /**
   * Shows a listing if `token` is still the latest request (an older answer arriving late
   * must not replace a newer folder). `focus` puts the keyboard focus on a row, e.g. the
   * folder just left when going up.
   */
  readonly applyListing: (token: number, listing: PaneListing, focus?: string) => boolean;
  /** Ends a failed listing; `message` is shown, or null for a failure that is handled. */
  readonly failListing: (token: number, message: string | null) => boolean;
  readonly setError: (message: string | null) => void;
  readonly sortBy: (column: SortColumn) => void;
  /** A click on a row, with the modifier keys held. */
  readonly clickRow: (key: string, modifiers: Modifiers) => void;
  /** Keyboard: move the focus by `delta` rows (clamped), selecting like Explorer does. */
  readonly moveFocus: (delta: number, modifiers: Modifiers) => void;
  readonly focusRow: (key: string) => void;
  readonly toggleFocused: () => void;
  readonly selectAll: () => void;
  readonly clearSelection: () => void;
  /** Remembers the sub-folders of a folder listed for the tree (without showing it). */
  readonly rememberFolders: (path: string, entries: readonly FolderCandidate[]) => void;
  readonly setExpanded: (path: string, expanded: boolean) => void;
  readonly setTreeVisible: (visible: boolean) => void;
  /** Back to nothing shown (remote: disconnected); the path history stays. */
  readonly clear: () => void;
}

export type PaneStore = UseBoundStore<StoreApi<PaneState>>;

/** What the folder tree needs of an entry. */
export type FolderCandidate = Pick<PaneEntry, 'name' | 'kind'>;

const NO_TOTALS: EntryTotals = { files: 0, directories: 0, bytes: 0, partial: false };

/** The key of the row at `index` in display order (the ".." row first, when there is one). */
export function rowKeyAt(state: PaneState, index: number): string | undefined {
  if (state.parent !== null) return index === 0 ? PARENT_ROW : state.sorted[index - 1]?.name;
  return state.sorted[index]?.name;
}

/** Builds one pane's store. Both panes share this shape, so the list component is shared. */
export function createPaneStore(ancestorsOf: (path: string) => readonly string[]): PaneStore {
  // Outside the state on purpose: tokens must stay unique across resets (tests reset the
  // state between cases; an answer from before a reset must never match a newer request).
  let lastToken = 0;
  let pendingToken = 0;

  return create<PaneState>()((set, get) => {
    const rowKeys = rowKeyAt;
    const rowCount = (state: PaneState) => state.sorted.length + (state.parent === null ? 0 : 1);
    const indexOf = (state: PaneState, key: string | null): number => {
      if (key === null) return -1;
      if (key === PARENT_ROW) return state.parent === null ? -1 : 0;
      return state.rowOf.get(key) ?? -1;
    };
    /** Names from row `from` to row `to` inclusive, without the ".." row. */
    const rangeNames = (state: PaneState, from: number, to: number): Set<string> => {
      const names = new Set<string>();
      for (let i = Math.min(from, to); i <= Math.max(from, to); i += 1) {
        const key = rowKeys(state, i);
        if (key !== undefined && key !== PARENT_ROW) names.add(key);
      }
      return names;
    };
    const arrange = (entries: readonly PaneEntry[], sort: SortOrder, hasParent: boolean) => {
      const sorted = sortEntries(entries, sort);
      const rowOf = new Map<string, number>();
      const offset = hasParent ? 1 : 0;
      sorted.forEach((entry, index) => rowOf.set(entry.name, index + offset));
      return { sorted, rowOf };
    };

    return {
      path: null,
      parent: null,
      entries: [],
      sorted: [],
      rowOf: new Map(),
      byName: new Map(),
      totals: NO_TOTALS,
      sort: DEFAULT_SORT,
      loadingPath: null,
      error: null,
      selection: new Set(),
      anchor: null,
      focused: null,
      history: [],
      folders: new Map(),
      expanded: new Set(),
      treeVisible: true,

      startListing: (path) => {
        lastToken += 1;
        pendingToken = lastToken;
        set({ loadingPath: path });
        return lastToken;
      },

      applyListing: (token, listing, focus) => {
        if (token !== pendingToken) return false;
        const state = get();
        const samePath = listing.path === state.path;
        const { sorted, rowOf } = arrange(listing.entries, state.sort, listing.parent !== null);
        const byName = new Map(listing.entries.map((entry) => [entry.name, entry]));
        // A refresh keeps what the user had selected (if it still exists); a new folder
        // starts with nothing selected.
        const selection = samePath
          ? new Set([...state.selection].filter((name) => byName.has(name)))
          : new Set<string>();
        const keep = (key: string | null | undefined) =>
          key !== null && key !== undefined && (byName.has(key) || key === PARENT_ROW) ? key : null;
        const focused = keep(focus) ?? (samePath ? keep(state.focused) : null);
        const folders = new Map(state.folders);
        folders.set(listing.path, folderNames(listing.entries));
        const expanded = new Set(state.expanded);
        for (const ancestor of ancestorsOf(listing.path)) expanded.add(ancestor);
        set({
          path: listing.path,
          parent: listing.parent,
          entries: listing.entries,
          sorted,
          rowOf,
          byName,
          totals: totalsOf(listing.entries),
          loadingPath: null,
          error: null,
          selection,
          anchor:
            samePath && state.anchor !== null && byName.has(state.anchor) ? state.anchor : null,
          focused,
          history: [listing.path, ...state.history.filter((p) => p !== listing.path)].slice(
            0,
            HISTORY_LENGTH,
          ),
          folders,
          expanded,
        });
        return true;
      },

      failListing: (token, message) => {
        if (token !== pendingToken) return false;
        // The previous folder stays on screen (FileZilla does the same): the error says
        // why the new one could not be shown.
        set({ loadingPath: null, error: message });
        return true;
      },

      setError: (message) => set({ error: message }),

      sortBy: (column) => {
        const state = get();
        const sort = nextSort(state.sort, column);
        set({ sort, ...arrange(state.entries, sort, state.parent !== null) });
      },

      clickRow: (key, { toggle, range }) => {
        const state = get();
        const index = indexOf(state, key);
        if (index === -1) return;
        if (range) {
          const anchorIndex = Math.max(0, indexOf(state, state.anchor ?? key));
          const names = rangeNames(state, anchorIndex, index);
          if (toggle) for (const name of state.selection) names.add(name);
          set({ selection: names, focused: key });
          return;
        }
        if (toggle) {
          const selection = new Set(state.selection);
          if (key !== PARENT_ROW) {
            if (selection.has(key)) selection.delete(key);
            else selection.add(key);
          }
          set({ selection, anchor: key, focused: key });
          return;
        }
        set({
          selection: key === PARENT_ROW ? new Set() : new Set([key]),
          anchor: key,
          focused: key,
        });
      },

      moveFocus: (delta, modifiers) => {
        const state = get();
        const count = rowCount(state);
        if (count === 0) return;
        const current = indexOf(state, state.focused);
        // The first press lands on the first (or last) row rather than skipping it.
        const target =
          current === -1
            ? delta >= 0
              ? 0
              : count - 1
            : Math.min(count - 1, Math.max(0, current + delta));
        const key = rowKeys(state, target);
        if (key === undefined) return;
        if (modifiers.toggle && !modifiers.range) {
          // Ctrl+arrow moves the focus only; Ctrl+Space then toggles (Explorer's model).
          set({ focused: key });
          return;
        }
        get().clickRow(key, { toggle: false, range: modifiers.range });
      },

      focusRow: (key) => set({ focused: key }),

      toggleFocused: () => {
        const { focused } = get();
        if (focused !== null) get().clickRow(focused, { toggle: true, range: false });
      },

      selectAll: () => set((state) => ({ selection: new Set(state.byName.keys()) })),

      clearSelection: () => set({ selection: new Set(), anchor: null }),

      rememberFolders: (path, entries) =>
        set((state) => {
          const folders = new Map(state.folders);
          folders.set(path, folderNames(entries));
          return { folders };
        }),

      setExpanded: (path, expanded) =>
        set((state) => {
          const next = new Set(state.expanded);
          if (expanded) next.add(path);
          else next.delete(path);
          return { expanded: next };
        }),

      setTreeVisible: (treeVisible) => set({ treeVisible }),

      clear: () => {
        // An answer still on its way belongs to what was cleared.
        pendingToken = 0;
        set({
          path: null,
          parent: null,
          entries: [],
          sorted: [],
          rowOf: new Map(),
          byName: new Map(),
          totals: NO_TOTALS,
          loadingPath: null,
          error: null,
          selection: new Set(),
          anchor: null,
          focused: null,
          folders: new Map(),
          expanded: new Set(),
        });
      },
    };
  });
}

function folderNames(entries: readonly FolderCandidate[]): string[] {
  return entries
    .filter((entry) => entry.kind === 'directory')
    .map((entry) => entry.name)
    .sort(compareNames);
}
