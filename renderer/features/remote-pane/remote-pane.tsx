import { useEffect, useMemo } from 'react';
import type { TransferItem } from '../../../shared/models/transfer.js';
import { useBridge } from '../../app/bridge-context.js';
import { useRemotePaneStore } from '../../stores/pane-stores/remote-pane-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { REMOTE_COLUMNS } from '../file-pane/columns.js';
import { FilePane, type FilePaneLabels } from '../file-pane/file-pane.js';
import { PathBar } from '../file-pane/path-bar.js';
import { isInsideRemote } from '../file-pane/paths.js';
import { useRefreshAfterTransfers } from '../file-pane/use-refresh-after-transfers.js';
import { useRefreshRequests } from '../file-pane/use-refresh-requests.js';
import { createRemoteController, type RemoteController } from './remote-controller.js';

const LABELS: FilePaneLabels = {
  region: 'Remote site',
  path: 'Remote path',
  grid: 'Remote files',
  tree: 'Remote folders',
  transfer: 'Download',
};

const uploadedTo = (item: TransferItem) => (item.direction === 'upload' ? item.remotePath : null);
const noRefresh = () => undefined;
const noNavigation = () => undefined;

/**
 * The server's file browser. Empty until the session is connected; then it shows the
 * session's current folder and follows it when something else changes it (a reconnect,
 * a site's default folder), while its own navigation moves the session along.
 */
export function RemotePane() {
  const bridge = useBridge();
  const sessionId = useSessionStore((s) => s.session?.sessionId ?? null);
  const state = useSessionStore((s) => s.session?.state ?? null);
  const remotePath = useSessionStore((s) => s.session?.remotePath ?? null);
  const hasListing = useRemotePaneStore((s) => s.path !== null);

  const controller = useMemo<RemoteController | null>(
    () => (sessionId === null ? null : createRemoteController(bridge, sessionId)),
    [bridge, sessionId],
  );

  // Another session (or none): what was shown belongs to the old one.
  useEffect(() => {
    useRemotePaneStore.getState().clear();
  }, [sessionId]);

  const connected = state === 'connected';
  useEffect(() => {
    if (!connected) {
      // A reconnect in progress keeps the listing; a closed or failed session does not.
      if (state !== 'connecting') useRemotePaneStore.getState().clear();
      return;
    }
    if (controller === null) return;
    const shown = useRemotePaneStore.getState().path;
    if (remotePath !== null && (remotePath === shown || controller.causedByUs(remotePath))) return;
    controller.follow(remotePath);
  }, [controller, connected, state, remotePath]);

  const refresh = controller?.refresh ?? noRefresh;
  useRefreshAfterTransfers(useRemotePaneStore, uploadedTo, isInsideRemote, refresh);
  useRefreshRequests(refresh);

  const available = controller !== null && (connected || (state === 'connecting' && hasListing));
  if (controller === null) {
    // The same frame as when connected (a path bar, disabled), so nothing jumps on connect.
    return (
      <section className="ps-pane" aria-label={LABELS.region}>
        <div className="ps-pane-toolbar">
          <PathBar
            label={LABELS.path}
            caption={`${LABELS.region}:`}
            path={null}
            history={[]}
            disabled
            onNavigate={noNavigation}
          />
        </div>
        <p className="ps-empty">Not connected to any server</p>
      </section>
    );
  }
  return (
    <FilePane
      controller={controller}
      labels={LABELS}
      columns={REMOTE_COLUMNS}
      {...(available
        ? {}
        : { unavailable: <p className="ps-empty">Not connected to any server</p> })}
    />
  );
}
