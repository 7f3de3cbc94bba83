import { lstat, mkdir, rename, stat, utimes } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { joinRemote, remoteBasename, remoteParent } from '../../../shared/paths/remote-path.js';
import type { Settings } from '../../../shared/models/settings.js';
import type { FtpClient } from '../../ftp/client.js';
import { FtpError } from '../../ftp/errors.js';
import { downloadFile, partialPathFor, uploadFile } from '../file-transfer.js';
import { localError } from '../local-target.js';
import { freeName, resolveExists, type ExistsAction, type FileFacts } from './file-exists.js';
import type { QueueItem } from './queue-item.js';

export interface RunContext {
  readonly client: FtpClient;
  readonly item: QueueItem;
  readonly settings: Settings;
  readonly signal: AbortSignal;
  readonly onProgress: (transferred: number, bytesPerSecond: number) => void;
  /** The action for an existing target: from a remembered choice, the settings, or the user. */
  readonly existsAction: (existing: FileFacts) => Promise<ExistsAction>;
  /** Remote folders already created by this queue (MKD once per folder). */
  readonly createdFolders: Set<string>;
}

export interface RunResult {
  readonly status: 'done' | 'skipped';
  /** Where the file ended up, when a rename moved it. */
  readonly localPath: string;
  readonly remotePath: string;
}

/** Transfers one queue item, honouring the "file exists" rules and the optional checks. */
export async function runItem(context: RunContext): Promise<RunResult> {
  return context.item.direction === 'download' ? runDownload(context) : runUpload(context);
}

async function runDownload(context: RunContext): Promise<RunResult> {
  const { client, item, settings } = context;
  let target = item.localPath;
  await mkdir(dirname(target), { recursive: true }).catch((error: unknown) => {
    throw localError(error, dirname(target));
  });
  const partial = await lstat(partialPathFor(target)).catch(() => undefined);
  // A partial file from an earlier attempt of this item: continue it, no question asked.
  let resume = partial !== undefined && partial.isFile();
  const existing = await lstat(target).catch(() => undefined);
  if (existing !== undefined) {
    if (existing.isSymbolicLink() || !existing.isFile()) {
      throw new FtpError('local-fs', `${target} exists and is not a regular file; not replaced`);
    }
    const facts = { size: existing.size, modified: existing.mtimeMs };
    const action = await context.existsAction(facts);
    const outcome = resolveExists(action, await remoteFacts(client, item, action), facts);
    if (outcome === 'skip')
      return { status: 'skipped', localPath: target, remotePath: item.remotePath };
    if (outcome === 'rename') {
      const name = await freeName(basename(target), (candidate) =>
        exists(join(dirname(target), candidate)),
      );
      target = join(dirname(target), name);
      resume = false;
    } else if (outcome === 'resume' && !resume) {
      // The existing file is the beginning of this one: continue from its end.
      await rename(target, partialPathFor(target));
      resume = true;
    } else if (outcome === 'overwrite') {
      resume = resume && item.attempts > 0;
    }
  }
  const bytes = await downloadFile(client, item.remotePath, target, {
    resume,
    remoteSize: item.size ?? undefined,
    signal: context.signal,
    onProgress: (progress) => context.onProgress(progress.bytes, progress.bytesPerSecond),
  });
  if (settings.verifySize && item.size !== null) {
    const written = await stat(target);
    if (written.size !== item.size) {
      throw new FtpError(
        'protocol',
        `Size check failed: ${target} has ${written.size} bytes, the server said ${item.size}`,
      );
    }
  }
  if (settings.preserveTimestamps && item.modified !== null) {
    const time = new Date(item.modified);
    await utimes(target, time, time).catch(() => undefined);
  }
  return {
    status: bytes >= 0 ? 'done' : 'skipped',
    localPath: target,
    remotePath: item.remotePath,
  };
}

async function runUpload(context: RunContext): Promise<RunResult> {
  const { client, item, settings } = context;
  const local = await stat(item.localPath).catch((error: unknown) => {
    throw localError(error, item.localPath);
  });
  await ensureRemoteFolders(client, remoteParent(item.remotePath), context.createdFolders);
  let remotePath = item.remotePath;
  let resume = item.attempts > 0;
  const remoteSize = await client.size(remotePath).catch(() => undefined);
  if (remoteSize !== undefined && item.attempts === 0) {
    const modified = await client.lastModified(remotePath).catch(() => undefined);
    const facts = { size: remoteSize, modified: modified?.getTime() ?? null };
    const outcome = resolveExists(
      await context.existsAction(facts),
      { size: local.size, modified: local.mtimeMs },
      facts,
    );
    if (outcome === 'skip') return { status: 'skipped', localPath: item.localPath, remotePath };
    if (outcome === 'rename') {
      const folder = remoteParent(remotePath);
      const name = await freeName(remoteBasename(remotePath), async (candidate) => {
        const size = await client.size(joinRemote(folder, candidate)).catch(() => undefined);
        return size !== undefined;
      });
      remotePath = joinRemote(folder, name);
    }
    resume = outcome === 'resume';
  }
  await uploadFile(client, item.localPath, remotePath, {
    resume,
    signal: context.signal,
    onProgress: (progress) => context.onProgress(progress.bytes, progress.bytesPerSecond),
  });
  if (settings.verifySize && client.features.size) {
    const size = await client.size(remotePath);
    if (size !== undefined && size !== local.size) {
      throw new FtpError(
        'protocol',
        `Size check failed: the server has ${size} bytes of ${remotePath}, the local file ${local.size}`,
      );
    }
  }
  if (settings.preserveTimestamps)
    await client.setLastModified(remotePath, local.mtime).catch(() => false);
  return { status: 'done', localPath: item.localPath, remotePath };
}

/**
 * The source's size and time for a download's "file exists" rule. A file queued on its
 * own carries no time (and the pane may not know its size): without asking the server,
 * "Overwrite if source newer" would overwrite every time (found against vsftpd). Only the
 * fact the rule compares is asked for (MDTM or SIZE), and only when it is missing.
 */
async function remoteFacts(
  client: FtpClient,
  item: QueueItem,
  action: ExistsAction,
): Promise<FileFacts> {
  let { size, modified } = item;
  if (action === 'overwrite-if-newer' && modified === null)
    modified =
      (await client.lastModified(item.remotePath).catch(() => undefined))?.getTime() ?? null;
  if (action === 'overwrite-if-size-differs' && size === null)
    size = (await client.size(item.remotePath).catch(() => undefined)) ?? null;
  return { size, modified };
}

/** Creates every missing folder on the way to `folder` (MKD fails harmlessly on existing ones). */
async function ensureRemoteFolders(
  client: FtpClient,
  folder: string,
  created: Set<string>,
): Promise<void> {
  if (folder === '' || folder === '/' || created.has(folder)) return;
  await ensureRemoteFolders(client, remoteParent(folder), created);
  await client.mkdir(folder).catch(() => undefined);
  created.add(folder);
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
