// The fake server's in-memory file tree. Files live in a plain Map (path → bytes) that tests
// read and write directly; directories are implied by file paths, plus the ones created
// with MKD, so a test can seed `{ '/pub/a.txt': 'x' }` without declaring `/pub`.
import { posix } from 'node:path';

export type EntryKind = 'file' | 'dir';

export interface TreeEntry {
  readonly name: string;
  readonly kind: EntryKind;
  readonly size: number;
  readonly modified: Date;
  readonly mode: number;
}

// A fixed default time keeps listings deterministic for seeded files; uploads get "now",
// as on a real server.
const SEEDED_TIME = new Date(Date.UTC(2024, 0, 15, 10, 30, 0));

/** Resolves an FTP path argument against the working directory (always absolute, no `..`). */
export function resolvePath(cwd: string, arg: string): string {
  return posix.resolve(cwd, arg === '' ? '.' : arg);
}

export class FakeTree {
  readonly files = new Map<string, Buffer>();
  private readonly dirs = new Set<string>(['/']);
  private readonly mtimes = new Map<string, Date>();
  private readonly modes = new Map<string, number>();

  constructor(initial: Readonly<Record<string, Buffer | string>>) {
    for (const [path, content] of Object.entries(initial)) {
      this.files.set(resolvePath('/', path), Buffer.from(content));
    }
  }

  isFile(path: string): boolean {
    return this.files.has(path);
  }

  isDir(path: string): boolean {
    if (this.dirs.has(path)) return true;
    const prefix = path === '/' ? '/' : `${path}/`;
    for (const key of this.allPaths()) if (key.startsWith(prefix)) return true;
    return false;
  }

  exists(path: string): boolean {
    return this.isFile(path) || this.isDir(path);
  }

  read(path: string): Buffer | undefined {
    return this.files.get(path);
  }

  write(path: string, data: Buffer): void {
    this.files.set(path, data);
    this.mtimes.set(path, new Date());
  }

  delete(path: string): boolean {
    this.mtimes.delete(path);
    this.modes.delete(path);
    return this.files.delete(path);
  }

  mkdir(path: string): void {
    this.dirs.add(path);
  }

  /** Removes an empty directory; false when it is missing or not empty. */
  rmdir(path: string): boolean {
    if (path === '/' || !this.isDir(path) || this.children(path).length > 0) return false;
    this.dirs.delete(path);
    return true;
  }

  /** Moves a file or a whole directory (with everything under it). */
  rename(from: string, to: string): void {
    const moved = (key: string): string | null =>
      key === from ? to : key.startsWith(`${from}/`) ? to + key.slice(from.length) : null;
    for (const [key, data] of [...this.files]) {
      const target = moved(key);
      if (target === null) continue;
      this.files.delete(key);
      this.files.set(target, data);
      this.moveMeta(key, target);
    }
    for (const key of [...this.dirs]) {
      const target = moved(key);
      if (target === null) continue;
      this.dirs.delete(key);
      this.dirs.add(target);
      this.moveMeta(key, target);
    }
  }

  modified(path: string): Date {
    return this.mtimes.get(path) ?? SEEDED_TIME;
  }

  setModified(path: string, time: Date): void {
    this.mtimes.set(path, time);
  }

  setMode(path: string, mode: number): void {
    this.modes.set(path, mode);
  }

  entry(path: string): TreeEntry | undefined {
    const kind: EntryKind | null = this.isFile(path) ? 'file' : this.isDir(path) ? 'dir' : null;
    if (kind === null) return undefined;
    return this.describe(path, path === '/' ? '/' : posix.basename(path), kind);
  }

  /** Direct children of a directory, sorted by name. One pass, so big trees list quickly. */
  children(dir: string): TreeEntry[] {
    const prefix = dir === '/' ? '/' : `${dir}/`;
    const kinds = new Map<string, EntryKind>();
    for (const key of this.allPaths()) {
      if (!key.startsWith(prefix) || key === prefix) continue;
      const rest = key.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash === -1 ? rest : rest.slice(0, slash);
      if (name === '') continue;
      // A file that is also a prefix of other paths cannot happen via FTP; a directory wins.
      const isFile = slash === -1 && this.files.has(key);
      if (!isFile || !kinds.has(name)) kinds.set(name, isFile ? 'file' : 'dir');
    }
    return [...kinds]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, kind]) => this.describe(prefix + name, name, kind));
  }

  private describe(path: string, name: string, kind: EntryKind): TreeEntry {
    return {
      name,
      kind,
      size: kind === 'file' ? (this.files.get(path)?.length ?? 0) : 4096,
      modified: this.modified(path),
      mode: this.modes.get(path) ?? (kind === 'dir' ? 0o755 : 0o644),
    };
  }

  private *allPaths(): Iterable<string> {
    yield* this.files.keys();
    yield* this.dirs;
  }

  private moveMeta(from: string, to: string): void {
    const time = this.mtimes.get(from);
    const mode = this.modes.get(from);
    this.mtimes.delete(from);
    this.modes.delete(from);
    if (time !== undefined) this.mtimes.set(to, time);
    if (mode !== undefined) this.modes.set(to, mode);
  }
}
