import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where the browser host keeps files dropped onto the page from the desktop. A page cannot
 * tell the host a file's path, only send its bytes; the host writes them here and the
 * transfer queue uploads from here like from any local file.
 *
 * One folder per launch (mkdtemp: 0700, a name nobody can predict or pre-create in a shared
 * /tmp), and inside it one fresh 0700 folder per file, so the staged file keeps the user's
 * own name (the upload's remote name is taken from it) and two drops of `report.pdf` never
 * meet. Staged files are kept until the stage is disposed on shutdown: the queue reads them
 * after the drop has been answered, maybe much later.
 */

/** Linux and macOS file systems allow 255 bytes per name; more could never be created. */
export const MAX_DROP_NAME_BYTES = 255;

/** Characters Windows refuses in a name; ':' would otherwise open an NTFS alternate stream. */
const WINDOWS_RESERVED = /[<>:"|?*]/;

/**
 * Why `name` is not one plain file name we may create inside our own folder, or undefined
 * when it is. It must never reach another folder (`..`, separators), be cut short in native
 * code (NUL), or smuggle control characters into the log and the queue's paths (whose
 * schema refuses CR/LF anyway).
 */
export function dropNameProblem(
  name: string,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  if (name === '') return 'The file name is empty.';
  if (name === '.' || name === '..') return `"${name}" is not a file name.`;
  if (name.includes('/') || name.includes('\\')) {
    return 'A file name cannot contain "/" or "\\": send one file, not a path.';
  }
  if (hasControlCharacter(name)) return 'The file name contains control characters.';
  if (Buffer.byteLength(name, 'utf8') > MAX_DROP_NAME_BYTES) {
    return `The file name is longer than ${MAX_DROP_NAME_BYTES} bytes.`;
  }
  if (platform === 'win32' && WINDOWS_RESERVED.test(name)) {
    return 'The file name contains a character Windows does not allow (< > : " | ? *).';
  }
  return undefined;
}

/** C0 (NUL included), DEL and C1: none is ever part of a name a person typed. */
function hasControlCharacter(name: string): boolean {
  for (let i = 0; i < name.length; i += 1) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** Thrown by receive() once the stage is being disposed. */
export class DropStageClosedError extends Error {
  override readonly name = 'DropStageClosedError';
  constructor() {
    super('Portside is shutting down and takes no more dropped files.');
  }
}

export class DropStage {
  private readonly active = new Map<Readable, Promise<unknown>>();
  private disposing: Promise<void> | undefined;

  private constructor(
    /** The per-launch folder; every staged file is two levels below it. */
    readonly dir: string,
  ) {}

  /** Creates this launch's folder under `parent` (default: the OS temp folder). */
  static async create(parent: string = tmpdir()): Promise<DropStage> {
    return new DropStage(await mkdtemp(join(parent, 'portside-drop-')));
  }

  /**
   * Streams `body` to a new file named `name` (checked with dropNameProblem first) and
   * resolves with its absolute path. The pipeline pauses `body` whenever the disk falls
   * behind, so memory does not grow with the file. If `body` fails or ends early (the
   * browser tab was closed, the request aborted), the partial file and its folder are
   * removed and the promise rejects.
   */
  receive(name: string, body: Readable): Promise<string> {
    if (this.disposing !== undefined) return Promise.reject(new DropStageClosedError());
    const problem = dropNameProblem(name);
    if (problem !== undefined) return Promise.reject(new Error(problem));
    const staged = this.write(name, body);
    const settled = staged.then(
      () => undefined,
      () => undefined,
    );
    this.active.set(body, settled);
    void settled.then(() => this.active.delete(body));
    return staged;
  }

  /** Removes the folder and everything staged in it. Idempotent. */
  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      // A body still arriving would keep its write going (and its file) past the rm below.
      for (const body of this.active.keys()) body.destroy(new DropStageClosedError());
      await Promise.all(this.active.values());
      await rm(this.dir, { recursive: true, force: true, maxRetries: 3 });
    })();
    return this.disposing;
  }

  /** Removes what one staged file left behind (its folder); for a drop nobody will use. */
  async discard(path: string): Promise<void> {
    const folder = join(path, '..');
    if (join(folder, '..') !== this.dir) return; // Not one of ours: never remove it.
    await rm(folder, { recursive: true, force: true });
  }

  private async write(name: string, body: Readable): Promise<string> {
    // Until the pipeline is attached, an error on the body (an abort during mkdtemp) would
    // have no listener and crash the process; the pipeline still sees it, as the state of
    // an already destroyed stream.
    const ignore = (): void => undefined;
    body.on('error', ignore);
    try {
      // mkdtemp creates the folder 0700 (a umask can only narrow that), under a fresh name.
      const folder = await mkdtemp(join(this.dir, 'f-'));
      const path = join(folder, name);
      try {
        // 'wx': the folder is new, so an existing file here could only be an attack.
        await pipeline(body, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
        return path;
      } catch (error) {
        await rm(folder, { recursive: true, force: true });
        throw error;
      }
    } finally {
      body.off('error', ignore);
    }
  }
}
