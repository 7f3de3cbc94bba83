import { useEffect } from 'react';
import type { TransferItem } from '../../../shared/models/transfer.js';
import { useBridge } from '../../app/bridge-context.js';
import type { PaneStore } from '../../stores/pane-stores/pane-store.js';

/** Finished transfers arrive in bursts (a folder of small files): one refresh per burst. */
const SETTLE_MS = 600;

/**
 * Refreshes a pane when transfers finish inside the folder it shows (a download landing in
 * the local folder, an upload in the remote one), as FileZilla does. Never interrupts a
 * listing the user started.
 */
export function useRefreshAfterTransfers(
  store: PaneStore,
  /** The path a finished item wrote on this pane's side, or null if it wrote elsewhere. */
  writtenPath: (item: TransferItem) => string | null,
  /** Whether `path` is inside (or directly in) `folder`. */
  isInside: (path: string, folder: string) => boolean,
  refresh: () => void,
): void {
  const bridge = useBridge();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = bridge.on['transfer:update'](({ items }) => {
      const folder = store.getState().path;
      if (folder === null || timer !== undefined) return;
      const landed = items.some((item) => {
        if (item.status !== 'done') return false;
        const written = writtenPath(item);
        return written !== null && isInside(written, folder);
      });
      if (!landed) return;
      timer = setTimeout(() => {
        timer = undefined;
        if (store.getState().loadingPath === null) refresh();
      }, SETTLE_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [bridge, store, writtenPath, isInside, refresh]);
}
