import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FtpError } from '../ftp/errors.js';
import { DEFAULT_TREE_LIMITS, type TreeLimits } from './remote-walk.js';

export interface LocalTreeFile {
  readonly localPath: string;
  readonly segments: readonly string[];
  readonly size: number;
}

export interface LocalTree {
  readonly folders: readonly (readonly string[])[];
  readonly files: readonly LocalTreeFile[];
  readonly skipped: readonly string[];
}

/** Walks a local folder; symlinks and special files are skipped, never followed. */
export async function walkLocal(
  root: string,
  limits: TreeLimits = DEFAULT_TREE_LIMITS,
): Promise<LocalTree> {
  const folders: string[][] = [];
  const files: LocalTreeFile[] = [];
  const skipped: string[] = [];
  let pending: string[][] = [[]];
  let count = 0;
  while (pending.length > 0) {
    const level = pending;
    pending = [];
    for (const segments of level) {
      const folder = join(root, ...segments);
      const names = await readdir(folder).catch((error: unknown) => {
        throw new FtpError('local-fs', `Cannot read the folder ${folder}: ${String(error)}`, {
          cause: error,
        });
      });
      names.sort();
      for (const name of names) {
        count += 1;
        if (count > limits.maxEntries)
          throw new FtpError(
            'local-fs',
            `${root} holds more than ${limits.maxEntries} entries; stopped`,
          );
        const path = join(folder, name);
        const stats = await lstat(path);
        const childSegments = [...segments, name];
        if (stats.isDirectory()) {
          if (childSegments.length > limits.maxDepth) {
            throw new FtpError(
              'local-fs',
              `Folders nest deeper than ${limits.maxDepth} levels at ${path}; stopped`,
            );
          }
          folders.push(childSegments);
          pending.push(childSegments);
        } else if (stats.isFile()) {
          files.push({ localPath: path, segments: childSegments, size: stats.size });
        } else {
          skipped.push(path);
        }
      }
    }
  }
  return { folders, files, skipped };
}
