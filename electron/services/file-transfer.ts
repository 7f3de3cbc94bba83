import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, rename, stat, truncate, unlink } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { FtpClient, TransferOptions } from '../ftp/client.js';
import { FtpError } from '../ftp/errors.js';
import { localError } from './local-target.js';

/** Suffix of a download in progress; kept after a failure so the next attempt resumes. */
export const PARTIAL_SUFFIX = '.portside-part';

const FILE_BUFFER = 1 << 20;

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
  const partial = `${target}${PARTIAL_SUFFIX}`;
  const existing = await lstat(partial).catch(() => undefined);
  if (existing?.isSymbolicLink() === true) {
    throw new FtpError('local-fs', `Refused to write through the symbolic link ${partial}`);
  }
  const offset = options.resume === true && existing?.isFile() === true ? existing.size : 0;
  const output = createWriteStream(partial, {
    flags: offset > 0 ? 'r+' : 'w',
    start: offset,
    highWaterMark: FILE_BUFFER,
  });
  const opened = new Promise<void>((resolve, reject) => {
    output.once('open', () => resolve());
    output.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw localError(error, partial);
  }
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

/** Uploads a file; with `resume`, asks the server how much it has and sends the rest. */
export async function uploadFile(
  client: FtpClient,
  source: string,
  remotePath: string,
  options: FileTransferOptions = {},
): Promise<number> {
  const local = await stat(source).catch((error: unknown) => {
    throw localError(error, source);
  });
  let offset = 0;
  if (options.resume === true) {
    offset = (await client.size(remotePath).catch(() => undefined)) ?? 0;
    if (offset > local.size) {
      throw new FtpError(
        'refused-by-server',
        `The remote file is larger (${offset} bytes) than ${source} (${local.size} bytes); not resuming`,
      );
    }
    if (offset === local.size) return local.size;
  }
  const input = createReadStream(source, { start: offset, highWaterMark: FILE_BUFFER });
  const result = await client.upload(input, remotePath, { ...options, offset });
  return offset + result.bytes;
}

/** Removes a partial download left by a failed transfer the user gave up on. */
export async function discardPartial(target: string): Promise<void> {
  await unlink(`${target}${PARTIAL_SUFFIX}`).catch(() => undefined);
}
