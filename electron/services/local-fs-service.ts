import { access, lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, parse, resolve } from 'node:path';
import type { LocalEntry, LocalListing } from '../../shared/models/local-entry.js';
import { localError } from './local-target.js';
import { ServiceError } from './router.js';

/** How many lstat calls run at once when listing: enough to hide latency, not a flood. */
const STAT_CONCURRENCY = 64;

/** The local pane's file system: absolute paths only, errors a person can act on. */
export class LocalFsService {
  constructor(private readonly trash?: (path: string) => Promise<void>) {}

  async list(path: string): Promise<LocalListing> {
    const folder = absolute(path);
    const names = await readdir(folder).catch((error: unknown) => {
      throw readError(error, folder);
    });
    const entries: LocalEntry[] = new Array<LocalEntry>(names.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < names.length) {
        const index = next++;
        entries[index] = await describe(folder, names[index] as string);
      }
    };
    await Promise.all(Array.from({ length: Math.min(STAT_CONCURRENCY, names.length) }, worker));
    const root = parse(folder).root;
    return { path: folder, parent: folder === root ? null : dirname(folder), entries };
  }

  async mkdir(path: string): Promise<void> {
    const target = absolute(path);
    await mkdir(target).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new ServiceError('local-fs', `${target} already exists`);
      }
      throw localError(error, target);
    });
  }

  /** Renames without ever replacing an existing file (fs.rename would, silently). */
  async rename(from: string, to: string): Promise<void> {
    const source = absolute(from);
    const target = absolute(to);
    if (await exists(target)) throw new ServiceError('local-fs', `${target} already exists`);
    await rename(source, target).catch((error: unknown) => {
      throw localError(error, target);
    });
  }

  /** Moves to the OS trash where the shell offers one (Electron), else deletes. */
  async delete(path: string): Promise<void> {
    const target = absolute(path);
    if (parse(target).root === target)
      throw new ServiceError('forbidden', 'Refused to delete a drive root');
    if (this.trash !== undefined) {
      await this.trash(target);
      return;
    }
    await rm(target, { recursive: true }).catch((error: unknown) => {
      throw localError(error, target);
    });
  }

  home(): string {
    return homedir();
  }

  /** Drive roots on Windows (C:\, D:\ …); the single root elsewhere. */
  async drives(): Promise<string[]> {
    if (process.platform !== 'win32') return ['/'];
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
    const found = await Promise.all(
      letters.map(async (l) => ((await exists(`${l}:\\`)) ? `${l}:\\` : undefined)),
    );
    return found.filter((d): d is string => d !== undefined);
  }
}

function absolute(path: string): string {
  if (!isAbsolute(path))
    throw new ServiceError('invalid-argument', `Not an absolute path: ${path}`);
  return resolve(path);
}

async function describe(folder: string, name: string): Promise<LocalEntry> {
  try {
    const stats = await lstat(join(folder, name));
    const kind = stats.isDirectory()
      ? 'directory'
      : stats.isFile()
        ? 'file'
        : stats.isSymbolicLink()
          ? 'symlink'
          : 'other';
    return {
      name,
      kind,
      size: kind === 'file' ? stats.size : null,
      modified: stats.mtimeMs,
      permissions: process.platform === 'win32' ? null : permissionString(stats.mode),
    };
  } catch {
    // Vanished between readdir and lstat, or unreadable: still show the name.
    return { name, kind: 'other', size: null, modified: null, permissions: null };
  }
}

export function permissionString(mode: number): string {
  const bits = 'rwxrwxrwx';
  let out = '';
  for (let i = 0; i < 9; i += 1) out += mode & (1 << (8 - i)) ? bits[i] : '-';
  return out;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function readError(error: unknown, folder: string): ServiceError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT')
    return new ServiceError('not-found', `The folder ${folder} does not exist`);
  if (code === 'EACCES' || code === 'EPERM')
    return new ServiceError('local-fs', `Permission denied: ${folder}`);
  if (code === 'ENOTDIR') return new ServiceError('local-fs', `${folder} is not a folder`);
  return new ServiceError('local-fs', `Cannot read ${folder}: ${String(error)}`);
}
