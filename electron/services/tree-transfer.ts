import { joinRemote } from '../../shared/paths/remote-path.js';
import type { FtpClient } from '../ftp/client.js';
import { FtpError } from '../ftp/errors.js';
import { downloadFile, uploadFile } from './file-transfer.js';
import { walkLocal } from './local-walk.js';
import type { LocalPlatform } from './local-name.js';
import { ensureLocalFolder, localPathInside } from './local-target.js';
import { DEFAULT_TREE_LIMITS, walkRemote, type TreeLimits } from './remote-walk.js';

export interface TreeTransferOptions {
  readonly limits?: TreeLimits;
  readonly signal?: AbortSignal;
  /** Called for things skipped on purpose (symlinks, special files). */
  readonly onSkip?: (path: string) => void;
  readonly onFileDone?: (path: string, bytes: number) => void;
  /** Whose naming rules apply to downloaded names (default: this machine's). */
  readonly platform?: LocalPlatform;
}

export interface TreeTransferResult {
  readonly files: number;
  readonly folders: number;
  readonly bytes: number;
  readonly skipped: number;
}

/**
 * Downloads a remote folder into `localRoot`, with one worker per client. The tree is
 * listed first (in parallel), folders are created, then files move in parallel, largest
 * first so one big file does not end up alone at the tail.
 */
export async function downloadTree(
  clients: readonly FtpClient[],
  remoteRoot: string,
  localRoot: string,
  options: TreeTransferOptions = {},
): Promise<TreeTransferResult> {
  const tree = await walkRemote(
    clients,
    remoteRoot,
    options.limits ?? DEFAULT_TREE_LIMITS,
    options.signal,
  );
  for (const path of tree.skipped) options.onSkip?.(path);
  await ensureLocalFolder(localRoot, []);
  for (const folder of tree.folders) await ensureLocalFolder(localRoot, folder, options.platform);
  const files = [...tree.files].sort((a, b) => (b.size ?? 0) - (a.size ?? 0));
  let bytes = 0;
  await runWorkers(clients, files, async (client, file) => {
    const target = localPathInside(localRoot, file.segments, options.platform);
    const moved = await downloadFile(client, file.remotePath, target, {
      remoteSize: file.size ?? undefined,
      signal: options.signal,
    });
    bytes += moved;
    options.onFileDone?.(file.remotePath, moved);
  });
  return { files: files.length, folders: tree.folders.length, bytes, skipped: tree.skipped.length };
}

/** Uploads a local folder below `remoteRoot` (created if missing). */
export async function uploadTree(
  clients: readonly FtpClient[],
  localRoot: string,
  remoteRoot: string,
  options: TreeTransferOptions = {},
): Promise<TreeTransferResult> {
  const tree = await walkLocal(localRoot, options.limits ?? DEFAULT_TREE_LIMITS);
  for (const path of tree.skipped) options.onSkip?.(path);
  const first = clients[0];
  if (first === undefined) throw new FtpError('invalid-argument', 'No connection to upload with');
  // MKD fails when the folder exists already; that is fine, and a real failure shows up as
  // a refused STOR for the files inside it.
  await first.mkdir(remoteRoot).catch(() => undefined);
  await runWorkers(
    clients,
    tree.folders,
    async (client, folder) => {
      await client.mkdir(folder.reduce(joinRemote, remoteRoot)).catch(() => undefined);
    },
    (folder) => folder.length,
  );
  const files = [...tree.files].sort((a, b) => b.size - a.size);
  let bytes = 0;
  await runWorkers(clients, files, async (client, file) => {
    const remotePath = file.segments.reduce(joinRemote, remoteRoot);
    const moved = await uploadFile(client, file.localPath, remotePath, { signal: options.signal });
    bytes += moved;
    options.onFileDone?.(file.localPath, moved);
  });
  return { files: files.length, folders: tree.folders.length, bytes, skipped: tree.skipped.length };
}

/**
 * Two workers share each client: the client runs their commands one after the other, and
 * while one file is on the wire the other opens, closes or renames its local file, work
 * that would otherwise sit between two transfers. Measured on 1,000 files of 4 KiB over
 * one connection: 2.4 s with one worker, 2.2 s with two (issue 8).
 */
const WORKERS_PER_CLIENT = 2;

/**
 * Runs `work` over `items` with WORKERS_PER_CLIENT workers per client. With `level`, items of one level
 * finish before the next level starts (a folder must exist before its children).
 */
async function runWorkers<T>(
  clients: readonly FtpClient[],
  items: readonly T[],
  work: (client: FtpClient, item: T) => Promise<void>,
  level?: (item: T) => number,
): Promise<void> {
  const groups = level === undefined ? [items] : groupBy(items, level);
  for (const group of groups) {
    let next = 0;
    let failure: unknown;
    await Promise.all(
      clients
        .flatMap((client) => Array<FtpClient>(WORKERS_PER_CLIENT).fill(client))
        .map(async (client) => {
          while (failure === undefined && next < group.length) {
            const item = group[next++] as T;
            await work(client, item).catch((error: unknown) => {
              failure ??= error;
            });
          }
        }),
    );
    if (failure !== undefined) throw failure;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): T[][] {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}
