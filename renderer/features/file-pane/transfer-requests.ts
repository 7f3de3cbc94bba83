import type { TransferDirection, TransferRequest } from '../../../shared/models/transfer.js';
import type { PaneEntry } from './pane-entry.js';
import { joinLocal, joinRemote } from './paths.js';

export interface TransferPlan {
  readonly requests: TransferRequest[];
  /** Names left out: devices, sockets and entries the file system could not describe. */
  readonly skipped: string[];
}

/**
 * What to enqueue for entries of one folder going to a folder of the other side. Folders
 * go as one 'directory' request each: the main process walks the tree (it must anyway, to
 * create folders and see symlinks). Symlinks go as files: the server (or the OS) follows
 * a link named directly, and the queue refuses what it cannot read.
 */
export function planTransfer(
  direction: TransferDirection,
  entries: readonly PaneEntry[],
  folders: { readonly local: string; readonly remote: string },
): TransferPlan {
  const requests: TransferRequest[] = [];
  const skipped: string[] = [];
  for (const entry of entries) {
    if (entry.kind === 'other') {
      // A FIFO or a device would block or never end; never queue one.
      skipped.push(entry.name);
      continue;
    }
    const localPath = joinLocal(folders.local, entry.name);
    const remotePath = joinRemote(folders.remote, entry.name);
    requests.push(
      entry.kind === 'directory'
        ? { direction, kind: 'directory', localPath, remotePath }
        : { direction, kind: 'file', localPath, remotePath, size: entry.size },
    );
  }
  return { requests, skipped };
}
