import type { PortsideBridge } from '../../../shared/contract/bridge.js';
import type { TransferRequest } from '../../../shared/models/transfer.js';
import { localItemsForDrop } from '../../bridge/drop-files.js';
import { useLocalPaneStore } from '../../stores/pane-stores/local-pane-store.js';
import { useRemotePaneStore } from '../../stores/pane-stores/remote-pane-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { draggedAsEntry, type DraggedEntries } from '../file-pane/drag-data.js';
import { browseActions } from '../file-pane/browse-actions.js';
import type { PaneController } from '../file-pane/pane-controller.js';
import type { PaneEntry } from '../file-pane/pane-entry.js';
import {
  copyText,
  enqueuePlan,
  runEach,
  treeLoader,
  type EnqueueOptions,
} from '../file-pane/pane-operations.js';
import {
  isInsideRemote,
  joinRemote,
  joinRemoteRelative,
  remoteAncestors,
} from '../file-pane/paths.js';
import { planTransfer } from '../file-pane/transfer-requests.js';
import { remoteParent } from '../../../shared/paths/remote-path.js';
import { remoteUrl } from './remote-url.js';

export interface RemoteController extends PaneController {
  /**
   * Whether a change of the session's remotePath was caused by this pane's own listing
   * (remote:list makes the listed folder the session's current one and announces it).
   * Those must not trigger another listing; any other change is followed.
   */
  readonly causedByUs: (remotePath: string) => boolean;
  /** Lists the session's current folder (the path it reported, or wherever it is). */
  readonly follow: (remotePath: string | null) => void;
}

function parentOf(path: string): string | null {
  const parent = remoteParent(path);
  return parent === '' || parent === path ? null : parent;
}

/** The remote pane's operations on one session, over remote:* channels. */
export function createRemoteController(
  bridge: PortsideBridge,
  sessionId: string,
): RemoteController {
  const store = useRemotePaneStore;
  let inFlight = 0;
  let lastListed: string | null = null;

  const rawList = async (path: string | undefined, browse = true) => {
    inFlight += 1;
    try {
      const result = await bridge.invoke['remote:list'](
        path === undefined
          ? { sessionId }
          : browse
            ? { sessionId, path }
            : { sessionId, path, browse },
      );
      if (result.ok && browse) lastListed = result.value.path;
      return result;
    } finally {
      inFlight -= 1;
    }
  };

  const list = async (
    path: string | undefined,
    focus?: string,
    quiet = false,
  ): Promise<boolean> => {
    const token = store.getState().startListing(path ?? '');
    const result = await rawList(path);
    if (!result.ok) {
      store.getState().failListing(token, quiet ? null : result.error.message);
      return false;
    }
    const { path: shown, entries } = result.value;
    store.getState().applyListing(token, { path: shown, parent: parentOf(shown), entries }, focus);
    return true;
  };

  const here = (): string | null => store.getState().path;
  const refresh = () => {
    const path = here();
    if (path !== null) void list(path);
  };
  const afterChange = async (failure: string | null, focus?: string) => {
    const path = here();
    if (path !== null) await list(path, focus);
    if (failure !== null) store.getState().setError(failure);
  };

  const download = (
    entries: readonly PaneEntry[],
    remoteFolder: string,
    localFolder?: string,
    options?: EnqueueOptions,
  ) => {
    const local = localFolder ?? useLocalPaneStore.getState().path;
    if (local === null) {
      store.getState().setError('The local folder is not known yet.');
      return;
    }
    const plan = planTransfer('download', entries, { local, remote: remoteFolder });
    void enqueuePlan(bridge, store, sessionId, plan, options);
  };

  const move = async (from: string, names: readonly string[], to: string) => {
    const movable = names.filter((name) => {
      const source = joinRemote(from, name);
      return source !== to && !isInsideRemote(to, source);
    });
    const failure = await runEach('move', movable, (name) =>
      bridge.invoke['remote:rename']({
        sessionId,
        from: joinRemote(from, name),
        to: joinRemote(to, name),
      }),
    );
    await afterChange(failure);
  };

  const upload = (requests: TransferRequest[]) => {
    if (requests.length === 0) return;
    void enqueuePlan(bridge, store, sessionId, { requests, skipped: [] });
  };

  return {
    side: 'remote',
    store,
    separators: ['/'],
    join: joinRemote,
    ancestors: remoteAncestors,
    copyLabel: 'Copy URL',
    causedByUs: (remotePath) => inFlight > 0 || remotePath === lastListed,
    follow: (remotePath) => void list(remotePath ?? undefined),
    navigate: (path, focus) => list(path, focus),
    refresh,
    ...browseActions({
      location: () => store.getState(),
      join: joinRemote,
      list,
      send: (entries, folder, options) => download(entries, folder, undefined, options),
    }),
    createFolder: async (name) => {
      const path = here();
      if (path === null) return;
      const result = await bridge.invoke['remote:mkdir']({
        sessionId,
        path: joinRemote(path, name),
      });
      await afterChange(
        result.ok ? null : `Could not create the directory: ${result.error.message}`,
        name,
      );
    },
    rename: async (from, to) => {
      const path = here();
      if (path === null) return;
      const result = await bridge.invoke['remote:rename']({
        sessionId,
        from: joinRemote(path, from),
        to: joinRemote(path, to),
      });
      await afterChange(result.ok ? null : `Could not rename: ${result.error.message}`, to);
    },
    remove: async (entries) => {
      const path = here();
      if (path === null) return;
      const failure = await runEach('delete', entries, (entry) =>
        bridge.invoke['remote:delete']({
          sessionId,
          path: joinRemote(path, entry.name),
          // A symlink is removed with DELE, whatever it points to.
          kind: entry.kind === 'directory' ? 'directory' : 'file',
        }),
      );
      await afterChange(failure);
    },
    chmod: async (entries, mode) => {
      const path = here();
      if (path === null) return;
      const failure = await runEach('change the permissions of', entries, (entry) =>
        bridge.invoke['remote:chmod']({ sessionId, path: joinRemote(path, entry.name), mode }),
      );
      await afterChange(failure);
    },
    copyLocation: (entries) => {
      const path = here();
      const session = useSessionStore.getState().session;
      if (path === null || session === null) return;
      const paths = entries.length === 0 ? [path] : entries.map((e) => joinRemote(path, e.name));
      void copyText(store, paths.map((p) => remoteUrl(session, p)).join('\n'));
    },
    dropEntries: (data: DraggedEntries, targetFolder) => {
      if (data.source === 'remote') {
        void move(
          data.folder,
          data.entries.map((entry) => entry.name),
          targetFolder,
        );
        return;
      }
      const plan = planTransfer('upload', data.entries.map(draggedAsEntry), {
        local: data.folder,
        remote: targetFolder,
      });
      void enqueuePlan(bridge, store, sessionId, plan);
    },
    dropFiles: (dataTransfer, targetFolder) => {
      // Called inside the drop handler: localItemsForDrop reads the DataTransfer now.
      localItemsForDrop(dataTransfer).then(
        (items) =>
          upload(
            items.map((item) => {
              const remotePath = joinRemoteRelative(targetFolder, item.relativePath);
              return item.kind === 'directory'
                ? { direction: 'upload', kind: 'directory', localPath: item.path, remotePath }
                : {
                    direction: 'upload',
                    kind: 'file',
                    localPath: item.path,
                    remotePath,
                    size: item.size,
                  };
            }),
          ),
        (error: unknown) =>
          store.getState().setError(error instanceof Error ? error.message : String(error)),
      );
    },
    loadTreeFolder: treeLoader(store, async (path) => {
      const result = await rawList(path, false);
      return result.ok ? { ok: true, value: result.value.entries } : result;
    }),
  };
}
