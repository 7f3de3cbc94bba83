import type { PortsideBridge } from '../../../shared/contract/bridge.js';
import { useLocalPaneStore } from '../../stores/pane-stores/local-pane-store.js';
import { useRemotePaneStore } from '../../stores/pane-stores/remote-pane-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { draggedAsEntry, type DraggedEntries } from '../file-pane/drag-data.js';
import { browseActions } from '../file-pane/browse-actions.js';
import type { PaneController } from '../file-pane/pane-controller.js';
import { fromLocalEntries, type PaneEntry } from '../file-pane/pane-entry.js';
import {
  copyText,
  enqueuePlan,
  runEach,
  treeLoader,
  type EnqueueOptions,
} from '../file-pane/pane-operations.js';
import { joinLocal, localAncestors, localSeparator } from '../file-pane/paths.js';
import { planTransfer } from '../file-pane/transfer-requests.js';

/**
 * The local pane's operations over local:* channels. Uploads go to the remote pane's
 * folder on the browsing session; the queue opens its own connections for them.
 */
export function createLocalController(bridge: PortsideBridge): PaneController {
  const store = useLocalPaneStore;

  const list = async (path: string, focus?: string, quiet = false): Promise<boolean> => {
    const token = store.getState().startListing(path);
    const result = await bridge.invoke['local:list']({ path });
    if (!result.ok) {
      store.getState().failListing(token, quiet ? null : result.error.message);
      return false;
    }
    const { path: shown, parent, entries } = result.value;
    store
      .getState()
      .applyListing(token, { path: shown, parent, entries: fromLocalEntries(entries) }, focus);
    return true;
  };

  const here = (): string | null => store.getState().path;

  /** Where uploads go, or why they cannot start now. */
  const uploadTarget = (): { sessionId: string; remote: string } | string => {
    const session = useSessionStore.getState().session;
    if (session === null || session.state !== 'connected') return 'Connect to a server to upload.';
    const remote = useRemotePaneStore.getState().path ?? session.remotePath;
    if (remote === null) return 'The remote folder is not known yet.';
    return { sessionId: session.sessionId, remote };
  };

  const upload = (
    entries: readonly PaneEntry[],
    localFolder: string,
    remoteFolder?: string,
    options?: EnqueueOptions,
  ) => {
    const target = uploadTarget();
    if (typeof target === 'string') {
      store.getState().setError(target);
      return;
    }
    const plan = planTransfer('upload', entries, {
      local: localFolder,
      remote: remoteFolder ?? target.remote,
    });
    void enqueuePlan(bridge, store, target.sessionId, plan, options);
  };

  const refresh = () => {
    const path = here();
    if (path !== null) void list(path);
  };

  /** Moves entries of `from` into `to` (a drop on a folder row of this pane). */
  const move = async (from: string, names: readonly string[], to: string) => {
    const sep = localSeparator(to);
    const movable = names.filter((name) => {
      const source = joinLocal(from, name);
      // Never into itself or its own sub-folder.
      return source !== to && !to.startsWith(source.endsWith(sep) ? source : source + sep);
    });
    const failure = await runEach('move', movable, (name) =>
      bridge.invoke['local:rename']({ from: joinLocal(from, name), to: joinLocal(to, name) }),
    );
    const path = here();
    if (path !== null) await list(path);
    if (failure !== null) store.getState().setError(failure);
  };

  return {
    side: 'local',
    store,
    separators: ['/', '\\'],
    join: joinLocal,
    ancestors: localAncestors,
    copyLabel: 'Copy path',
    navigate: (path, focus) => list(path, focus),
    refresh,
    ...browseActions({
      location: () => store.getState(),
      join: joinLocal,
      list,
      send: (entries, folder, options) => upload(entries, folder, undefined, options),
    }),
    createFolder: async (name) => {
      const path = here();
      if (path === null) return;
      const result = await bridge.invoke['local:mkdir']({ path: joinLocal(path, name) });
      if (!result.ok)
        store.getState().setError(`Could not create the directory: ${result.error.message}`);
      else await list(path, name);
    },
    rename: async (from, to) => {
      const path = here();
      if (path === null) return;
      const result = await bridge.invoke['local:rename']({
        from: joinLocal(path, from),
        to: joinLocal(path, to),
      });
      if (!result.ok) store.getState().setError(`Could not rename: ${result.error.message}`);
      else await list(path, to);
    },
    remove: async (entries) => {
      const path = here();
      if (path === null) return;
      const failure = await runEach('delete', entries, (entry) =>
        bridge.invoke['local:delete']({ path: joinLocal(path, entry.name) }),
      );
      await list(path);
      // After the listing, which clears the error line: a failed delete must stay visible.
      if (failure !== null) store.getState().setError(failure);
    },
    copyLocation: (entries) => {
      const path = here();
      if (path === null) return;
      const text =
        entries.length === 0 ? path : entries.map((e) => joinLocal(path, e.name)).join('\n');
      void copyText(store, text);
    },
    dropEntries: (data: DraggedEntries, targetFolder) => {
      if (data.source === 'local') {
        void move(
          data.folder,
          data.entries.map((entry) => entry.name),
          targetFolder,
        );
        return;
      }
      // From the remote pane: download into the folder dropped on.
      const session = useSessionStore.getState().session;
      if (session === null || session.state !== 'connected') {
        store.getState().setError('Connect to a server to download.');
        return;
      }
      const plan = planTransfer('download', data.entries.map(draggedAsEntry), {
        local: targetFolder,
        remote: data.folder,
      });
      void enqueuePlan(bridge, store, session.sessionId, plan);
    },
    loadTreeFolder: treeLoader(store, async (path) => {
      const result = await bridge.invoke['local:list']({ path });
      return result.ok ? { ok: true, value: result.value.entries } : result;
    }),
  };
}
