import type { RemoteEntry } from '../../shared/models/remote-entry.js';
import { joinRemote } from '../../shared/paths/remote-path.js';
import type { FtpClient } from '../ftp/client.js';
import { FtpError } from '../ftp/errors.js';

export interface TreeLimits {
  /** Deeper folders than this are refused (a loop through a bind mount looks like this). */
  readonly maxDepth: number;
  readonly maxEntries: number;
}

export const DEFAULT_TREE_LIMITS: TreeLimits = { maxDepth: 64, maxEntries: 1_000_000 };

export interface RemoteTreeFile {
  readonly remotePath: string;
  /** Path components below the root: every one is a safe name from a listing. */
  readonly segments: readonly string[];
  readonly size: number | null;
  readonly modified: number | null;
}

export interface RemoteTree {
  /** Folders below the root, parents before children. */
  readonly folders: readonly (readonly string[])[];
  readonly files: readonly RemoteTreeFile[];
  /** Symlinks and special files, which are never followed or recreated. */
  readonly skipped: readonly string[];
}

/**
 * Walks a remote folder breadth-first, listing with every client in parallel. Symlinks
 * are not followed (a link to `/` or to a parent would make the walk endless or leave the
 * tree); depth and entry counts are capped with a clear error.
 */
export async function walkRemote(
  clients: readonly FtpClient[],
  root: string,
  limits: TreeLimits = DEFAULT_TREE_LIMITS,
  signal?: AbortSignal,
): Promise<RemoteTree> {
  const folders: string[][] = [];
  const files: RemoteTreeFile[] = [];
  const skipped: string[] = [];
  let pending: string[][] = [[]];
  let count = 0;
  while (pending.length > 0) {
    const level = pending;
    pending = [];
    let next = 0;
    await Promise.all(
      clients.map(async (client) => {
        while (next < level.length) {
          signal?.throwIfAborted();
          const segments = level[next++] as string[];
          const remote = segments.reduce(joinRemote, root);
          const listing = await client.list(remote, signal);
          for (const entry of listing.entries) {
            count += 1;
            if (count > limits.maxEntries) {
              throw new FtpError(
                'protocol',
                `The folder holds more than ${limits.maxEntries} entries; stopped`,
              );
            }
            classify(entry, segments, remote);
          }
        }
      }),
    );
  }
  return { folders, files, skipped };

  function classify(entry: RemoteEntry, parent: readonly string[], remoteParent: string): void {
    const segments = [...parent, entry.name];
    const remotePath = joinRemote(remoteParent, entry.name);
    if (entry.kind === 'directory') {
      if (segments.length > limits.maxDepth) {
        throw new FtpError(
          'protocol',
          `Folders nest deeper than ${limits.maxDepth} levels at ${remotePath}; stopped (a loop?)`,
        );
      }
      folders.push(segments);
      pending.push(segments);
    } else if (entry.kind === 'file') {
      files.push({ remotePath, segments, size: entry.size, modified: entry.modified });
    } else {
      skipped.push(remotePath);
    }
  }
}
