import { lstat, mkdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FtpError } from '../ftp/errors.js';
import { isSafeEntryName } from '../ftp/listing/index.js';
import {
  hostPlatform,
  localNameFor,
  POSIX_MAX_NAME_BYTES,
  type LocalPlatform,
} from './local-name.js';

/**
 * Where a remote name may be written locally. Names come from a server and are hostile
 * until proven otherwise: each must be one plain component, the result must stay inside the
 * chosen folder, and no existing symlink on the way may be followed (a planted link would
 * otherwise let a download write anywhere the user can). On Windows each name is renamed by
 * the rules of local-name.ts first (`CON`, `a.`, `<>:"|?*` … cannot exist there); the
 * platform is a parameter so tests on Linux exercise the Windows rules too.
 */
export function localPathInside(
  root: string,
  segments: readonly string[],
  platform: LocalPlatform = hostPlatform(),
): string {
  for (const segment of segments) {
    if (!isSafeEntryName(segment)) {
      throw new FtpError(
        'local-fs',
        `Refused to write a file with an unsafe name: ${JSON.stringify(segment)}`,
      );
    }
  }
  const base = resolve(root);
  const names = segments.map((segment) => localNameFor(segment, platform));
  const target = resolve(join(base, ...names));
  const rel = relative(base, target);
  if (rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    throw new FtpError('local-fs', `Refused to write outside ${base}: ${target}`);
  }
  return target;
}

/** Creates a folder (and parents inside `root`), refusing to pass through a symlink. */
export async function ensureLocalFolder(
  root: string,
  segments: readonly string[],
  platform: LocalPlatform = hostPlatform(),
): Promise<string> {
  let current = resolve(root);
  await mkdir(current, { recursive: true });
  for (const segment of segments) {
    current = localPathInside(current, [segment], platform);
    const stats = await lstat(current).catch(() => undefined);
    if (stats === undefined) {
      await mkdir(current).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw localError(error, current);
      });
      continue;
    }
    if (stats.isSymbolicLink()) {
      throw new FtpError('local-fs', `Refused to write through the symbolic link ${current}`);
    }
    if (!stats.isDirectory())
      throw new FtpError('local-fs', `${current} exists and is not a folder`);
  }
  return current;
}

export function localError(error: unknown, path: string): FtpError {
  if (error instanceof FtpError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'the disk is full',
    EROFS: 'the disk is read-only',
    ENOENT: 'no such file or folder',
    EISDIR: 'it is a folder',
    // Linux and macOS allow 255 bytes per name (UTF-8), whatever the server allows.
    ENAMETOOLONG: `the name is longer than this file system allows (${POSIX_MAX_NAME_BYTES} bytes)`,
  };
  const reason = reasons[code] ?? (error instanceof Error ? error.message : String(error));
  return new FtpError('local-fs', `Cannot write ${path}: ${reason}`, { cause: error });
}
