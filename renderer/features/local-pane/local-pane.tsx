import { useEffect, useMemo, useState } from 'react';
import type { TransferItem } from '../../../shared/models/transfer.js';
import { useBridge } from '../../app/bridge-context.js';
import { useLocalPaneStore } from '../../stores/pane-stores/local-pane-store.js';
import { LOCAL_COLUMNS } from '../file-pane/columns.js';
import { FilePane, type FilePaneLabels } from '../file-pane/file-pane.js';
import { escapeControls } from '../../text/escape-controls.js';
import { isInsideLocal, localRoot } from '../file-pane/paths.js';
import { useRefreshAfterTransfers } from '../file-pane/use-refresh-after-transfers.js';
import { useRefreshRequests } from '../file-pane/use-refresh-requests.js';
import { createLocalController } from './local-controller.js';

const LABELS: FilePaneLabels = {
  region: 'Local site',
  path: 'Local path',
  grid: 'Local files',
  tree: 'Local folders',
  transfer: 'Upload',
};

const downloadedTo = (item: TransferItem) =>
  item.direction === 'download' ? item.localPath : null;

/** The local file browser: starts in the home folder (local:home). */
export function LocalPane() {
  const bridge = useBridge();
  const controller = useMemo(() => createLocalController(bridge), [bridge]);
  const path = useLocalPaneStore((s) => s.path);
  const [drives, setDrives] = useState<readonly string[]>([]);

  useEffect(() => {
    let cancelled = false;
    // Only when nothing is shown yet: remounting the pane (a layout change) keeps its folder.
    if (useLocalPaneStore.getState().path === null) {
      void bridge.invoke['local:home']({}).then((home) => {
        if (cancelled) return;
        if (home.ok) void controller.navigate(home.value);
        else
          useLocalPaneStore
            .getState()
            .setError(`Could not find the home folder: ${home.error.message}`);
      });
    }
    void bridge.invoke['local:drives']({}).then((result) => {
      if (!cancelled && result.ok) setDrives(result.value);
    });
    return () => {
      cancelled = true;
    };
  }, [bridge, controller]);

  useRefreshAfterTransfers(useLocalPaneStore, downloadedTo, isInsideLocal, controller.refresh);
  useRefreshRequests(controller.refresh);

  // A drive picker where there is more than one root (Windows); '/' alone needs none.
  const currentRoot = path === null ? '' : localRoot(path);
  const toolbar =
    drives.length > 1 ? (
      <select
        className="ps-drive"
        aria-label="Drive"
        value={drives.includes(currentRoot) ? currentRoot : ''}
        onChange={(event) => void controller.navigate(event.target.value)}
      >
        {!drives.includes(currentRoot) && <option value="">—</option>}
        {drives.map((drive) => (
          <option key={drive} value={drive}>
            {escapeControls(drive)}
          </option>
        ))}
      </select>
    ) : undefined;

  return (
    <FilePane controller={controller} labels={LABELS} columns={LOCAL_COLUMNS} toolbar={toolbar} />
  );
}
