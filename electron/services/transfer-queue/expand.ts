import { join } from 'node:path';
import { joinRemote } from '../../../shared/paths/remote-path.js';
import type { TransferRequest } from '../../../shared/models/transfer.js';
import type { FtpClient } from '../../ftp/client.js';
import type { LocalPlatform } from '../local-name.js';
import { localPathInside } from '../local-target.js';
import { walkLocal } from '../local-walk.js';
import { walkRemote } from '../remote-walk.js';

/** One file to transfer, as expanded from what the user asked for. */
export interface PlannedFile {
  readonly direction: TransferRequest['direction'];
  readonly localPath: string;
  readonly remotePath: string;
  readonly size: number | null;
  readonly modified: number | null;
}

export interface Plan {
  readonly files: readonly PlannedFile[];
  /**
   * Folders below the requested one (path components), parents first: created on the
   * other side too, so empty folders arrive as well.
   */
  readonly folders: readonly (readonly string[])[];
  /** Symlinks and special files left out on purpose. */
  readonly skipped: readonly string[];
}

/**
 * Expands a request into files. Folders are walked (remote through listings, local through
 * the file system); symlinks are not followed; every local path of a download is checked
 * to stay inside the chosen folder, since the names come from the server.
 */
export async function expandRequest(
  request: TransferRequest,
  browse: () => Promise<FtpClient>,
  signal?: AbortSignal,
  platform?: LocalPlatform,
): Promise<Plan> {
  if (request.kind === 'file') {
    return {
      files: [
        {
          direction: request.direction,
          localPath: request.localPath,
          remotePath: request.remotePath,
          size: request.size ?? null,
          modified: null,
        },
      ],
      folders: [],
      skipped: [],
    };
  }
  if (request.direction === 'download') {
    const tree = await walkRemote([await browse()], request.remotePath, undefined, signal);
    return {
      files: tree.files.map((file) => ({
        direction: 'download',
        localPath: localPathInside(request.localPath, file.segments, platform),
        remotePath: file.remotePath,
        size: file.size,
        modified: file.modified,
      })),
      folders: tree.folders,
      skipped: tree.skipped,
    };
  }
  const tree = await walkLocal(request.localPath);
  return {
    files: tree.files.map((file) => ({
      direction: 'upload',
      localPath: join(request.localPath, ...file.segments),
      remotePath: file.segments.reduce(joinRemote, request.remotePath),
      size: file.size,
      modified: null,
    })),
    folders: tree.folders,
    skipped: tree.skipped,
  };
}
