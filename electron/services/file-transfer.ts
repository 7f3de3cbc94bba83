import { createHash } from 'node:crypto';
import { constants, createWriteStream, open as openCallback } from 'node:fs';
import { lstat, open, rename, truncate, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import type { FtpClient, TransferOptions } from '../ftp/client.js';
import { FtpError } from '../ftp/errors.js';
import { hostPlatform, type LocalPlatform } from './local-name.js';
import { localError } from './local-target.js';

/** Suffix of a download in progress; kept after a failure so the next attempt resumes. */
export const PARTIAL_SUFFIX = '.portside-part';

/** Longest file name, in the unit `partialPathFor` measures for the platform. */
const MAX_NAME = 255;

/**
 * The partial file of a download to `target`: `<target>.portside-part`, unless that name
 * would pass the longest name the disk takes (255 UTF-8 bytes on Linux and macOS, 255
 * UTF-16 units on Windows) while the target's own name fits: then the name is cut, with a
 * hash of the whole name so two such downloads in one folder keep apart. Before this,
 * names of 242 to 255 bytes could not be downloaded at all (ENAMETOOLONG on the partial
 * file; issue 9 item 9). A target whose own name is too long keeps the plain suffix, so
 * the download fails at once with a clear error instead of after the transfer.
 */
export function partialPathFor(target: string, platform: LocalPlatform = hostPlatform()): string {
  const plain = `${target}${PARTIAL_SUFFIX}`;
  const name = basename(target);
  const size = (text: string) =>
    platform === 'windows' ? text.length : Buffer.byteLength(text, 'utf8');
  if (size(`${name}${PARTIAL_SUFFIX}`) <= MAX_NAME || size(name) > MAX_NAME) return plain;
  const mark = `~${createHash('sha256').update(name).digest('hex').slice(0, 8)}${PARTIAL_SUFFIX}`;
  const characters = [...name];
  while (size(characters.join('')) + mark.length > MAX_NAME) characters.pop();
  return join(dirname(target), `${characters.join('')}${mark}`);
}

const FILE_BUFFER = 1 << 20;

const openDescriptor = promisify(openCallback);

export interface FileTransferOptions extends Pick<
  TransferOptions,
  'signal' | 'onProgress' | 'remoteSize'
> {
  /** Continue a previous partial transfer instead of starting over. */
  readonly resume?: boolean;
}

/**
 * Downloads into `<target>.portside-part` and renames it over `target` only once the
 * transfer succeeded, so a failed or cancelled download never damages the file it was
 * replacing. The partial file stays for resume (REST from its size).
 */
export async function downloadFile(
  client: FtpClient,
  remotePath: string,
  target: string,
  options: FileTransferOptions = {},
): Promise<number> {
  const partial = partialPathFor(target);
  const refuseLink = (): FtpError =>
    new FtpError('local-fs', `Refused to write through the symbolic link ${partial}`);
  // A fresh download opens with O_NOFOLLOW where the platform has it: the open itself
  // refuses a symbolic link (ELOOP), which saves an lstat per file (a tree of small files
  // pays for every file-system round trip; issue 8) and leaves no gap between check and use.
  // A resume needs the partial file's size anyway, and Windows has no O_NOFOLLOW.
  const noFollow = options.resume === true ? undefined : constants.O_NOFOLLOW;
  let offset = 0;
  if (noFollow === undefined) {
    const existing = await lstat(partial).catch(() => undefined);
    if (existing?.isSymbolicLink() === true) throw refuseLink();
    offset = options.resume === true && existing?.isFile() === true ? existing.size : 0;
  }
  const flags =
    offset > 0
      ? 'r+'
      : noFollow === undefined
        ? 'w'
        : constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | noFollow;
  const fd = await openDescriptor(partial, flags).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw refuseLink();
    throw localError(error, partial);
  });
  // A file-system WriteStream: the download reads into reused buffers for it (pooled-receive.ts).
  // Over a plain descriptor, not a FileHandle: a FileHandle's stream, once finished, is
  // closed a second time by the handle's own close event, and Node builds (and drops) an
  // ERR_STREAM_ALREADY_FINISHED error with its stack for it, per file (issue 8 profile).
  const output = createWriteStream(partial, { fd, start: offset, highWaterMark: FILE_BUFFER });
  try {
    const result = await client.download(remotePath, output, { ...options, offset });
    await rename(partial, target).catch((error: unknown) => {
      throw localError(error, target);
    });
    return offset + result.bytes;
  } catch (error) {
    output.destroy();
    await finished(output).catch(() => undefined);
    // A server that ignored REST sent the file from its start: cut the partial file back to
    // what was good before, so the next resume is correct.
    if (offset > 0 && error instanceof FtpError && error.code === 'protocol') {
      await truncate(partial, offset).catch(() => undefined);
    }
    // An empty partial file holds nothing to resume: do not leave litter behind.
    const left = await lstat(partial).catch(() => undefined);
    if (left?.size === 0) await unlink(partial).catch(() => undefined);
    throw error;
  }
}

/**
 * Uploads a file; with `resume`, asks the server how much it has and sends the rest. The
 * file is opened once and sent from reused buffers (pooled-send.ts); a plain upload needs
 * no stat (the sender reads to the end), which a tree of small files pays for per file.
 */
export async function uploadFile(
  client: FtpClient,
  source: string,
  remotePath: string,
  options: FileTransferOptions = {},
): Promise<number> {
  const handle = await open(source, 'r').catch((error: unknown) => {
    throw localError(error, source);
  });
  try {
    let offset = 0;
    if (options.resume === true) {
      const local = await handle.stat().catch((error: unknown) => {
        throw localError(error, source);
      });
      offset = (await client.size(remotePath).catch(() => undefined)) ?? 0;
      if (offset > local.size) {
        throw new FtpError(
          'refused-by-server',
          `The remote file is larger (${offset} bytes) than ${source} (${local.size} bytes); not resuming`,
        );
      }
      if (offset === local.size) return local.size;
    }
    const result = await client.upload({ handle, start: offset }, remotePath, {
      ...options,
      offset,
    });
    return offset + result.bytes;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Removes a partial download left by a failed transfer the user gave up on. */
export async function discardPartial(target: string): Promise<void> {
  await unlink(partialPathFor(target)).catch(() => undefined);
}
