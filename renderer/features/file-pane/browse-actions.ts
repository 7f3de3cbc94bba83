import type { PaneController } from './pane-controller.js';
import type { EnqueueOptions } from './pane-operations.js';
import { opensAsFolder, type PaneEntry } from './pane-entry.js';
import { baseName } from './paths.js';

export interface BrowseParts {
  /** The folder the pane shows, and the one above it. */
  readonly location: () => { readonly path: string | null; readonly parent: string | null };
  readonly join: (folder: string, name: string) => string;
  /** Lists `path`; `quiet` keeps a failure off the screen (trying a symlink as a folder). */
  readonly list: (path: string, focus?: string, quiet?: boolean) => Promise<boolean>;
  /**
   * Transfers entries of `folder` to the other pane (upload or download); with
   * `start: false` they are only queued.
   */
  readonly send: (entries: readonly PaneEntry[], folder: string, options?: EnqueueOptions) => void;
}

/**
 * What both panes do the same way: go up, open an entry (a folder lists, a file goes to
 * the other pane, a symlink is tried as a folder first), and transfer a selection.
 */
export function browseActions(
  parts: BrowseParts,
): Pick<PaneController, 'goUp' | 'open' | 'transfer' | 'addToQueue'> {
  const { location, join, list, send } = parts;
  return {
    goUp: () => {
      const { path, parent } = location();
      if (path !== null && parent !== null) void list(parent, baseName(path));
    },
    open: (entry) => {
      const { path } = location();
      if (path === null) return;
      if (!opensAsFolder(entry)) {
        send([entry], path);
        return;
      }
      const target = join(path, entry.name);
      if (entry.kind === 'directory') {
        void list(target);
        return;
      }
      void list(target, undefined, true).then((opened) => {
        if (!opened) send([entry], path);
      });
    },
    transfer: (entries) => {
      const { path } = location();
      if (path !== null) send(entries, path);
    },
    addToQueue: (entries) => {
      const { path } = location();
      if (path !== null) send(entries, path, { start: false });
    },
  };
}
