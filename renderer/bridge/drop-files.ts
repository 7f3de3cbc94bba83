/**
 * Files and folders dropped onto the window from the desktop, turned into local paths the
 * transfer queue can upload from.
 *
 * - Electron: the preload exposes webUtils.getPathForFile, which gives each dropped File's
 *   real path (folders included); nothing is copied.
 * - Browser host: the page cannot see paths, so each file's content is streamed to the
 *   host, which stages it on its disk and answers with the staged path:
 *     POST /api/drop?name=<encodeURIComponent(file name)>   body: the file's bytes
 *     credentials: same-origin (the host's session cookie)  → 201 { "path": "<absolute>" }
 *   (electron/web/drop-endpoint.ts is the host's side.)
 *   Dropped folders are walked with webkitGetAsEntry(); each file keeps its path relative
 *   to the drop so the upload recreates the folders (empty folders cannot be staged and
 *   are not recreated).
 */

/** The preload's desktop helper, under either name it may be exposed with. */
interface PathForFile {
  getPathForFile(file: File): string;
}

declare global {
  interface Window {
    /** Electron preload (optional): webUtils.getPathForFile. */
    portsideFiles?: PathForFile;
  }
}

export interface DroppedItem {
  /** Absolute path on the machine running the services (the user's own, or the host's stage). */
  readonly path: string;
  readonly kind: 'file' | 'directory';
  /** '/'-separated path relative to the drop ("a.txt", "photos/2024/b.jpg"). */
  readonly relativePath: string;
  readonly size: number | null;
}

/** A drop larger than this is refused as a whole: upload such a tree from the local pane. */
export const MAX_DROPPED_FILES = 10_000;

export class DropError extends Error {
  override readonly name = 'DropError';
}

/** Only the paths, for callers that need nothing else. */
export async function localPathsForDrop(dataTransfer: DataTransfer): Promise<string[]> {
  return (await localItemsForDrop(dataTransfer)).map((item) => item.path);
}

interface Captured {
  readonly file: File | null;
  readonly entry: FileSystemEntry | null;
}

/**
 * The dropped items with their kind and relative path. Must be called inside the drop
 * event handler: a DataTransfer is emptied once the handler returns, so everything it holds
 * is captured synchronously before the first await.
 */
export function localItemsForDrop(
  dataTransfer: DataTransfer,
  signal?: AbortSignal,
): Promise<DroppedItem[]> {
  const captured = capture(dataTransfer);
  const desktop = desktopPathForFile();
  if (desktop !== null) return Promise.resolve(withDesktopPaths(captured, desktop));
  return stageThroughHost(captured, signal);
}

function capture(dataTransfer: DataTransfer): Captured[] {
  const items = Array.from(dataTransfer.items ?? []).filter((item) => item.kind === 'file');
  if (items.length > 0) {
    return items.map((item) => ({
      file: item.getAsFile(),
      // Chromium only (and Electron); null where the browser has no entry API.
      entry: typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null,
    }));
  }
  return Array.from(dataTransfer.files).map((file) => ({ file, entry: null }));
}

function desktopPathForFile(): ((file: File) => string) | null {
  const own = window.portsideFiles;
  if (own !== undefined && typeof own.getPathForFile === 'function')
    return (file) => own.getPathForFile(file);
  // The preload as built today exposes it as window.portside.desktop.getPathForFile.
  const desktop = (window as { portside?: { desktop?: Partial<PathForFile> } }).portside?.desktop;
  const fn = desktop?.getPathForFile;
  return typeof fn === 'function' ? (file) => fn.call(desktop, file) : null;
}

function withDesktopPaths(captured: readonly Captured[], pathOf: (file: File) => string) {
  const items: DroppedItem[] = [];
  for (const { file, entry } of captured) {
    if (file === null) continue;
    const path = pathOf(file);
    // '' means the File has no path on disk (dragged out of a web page, say): skip it.
    if (path === '') continue;
    const directory = entry?.isDirectory === true;
    items.push({
      path,
      kind: directory ? 'directory' : 'file',
      relativePath: file.name,
      size: directory ? null : file.size,
    });
  }
  return items;
}

async function stageThroughHost(
  captured: readonly Captured[],
  signal: AbortSignal | undefined,
): Promise<DroppedItem[]> {
  const files: { file: File; relativePath: string }[] = [];
  for (const { file, entry } of captured) {
    if (entry?.isDirectory === true) {
      await walkDirectory(entry as FileSystemDirectoryEntry, files);
    } else if (file !== null) {
      files.push({ file, relativePath: file.name });
    }
    if (files.length > MAX_DROPPED_FILES) {
      throw new DropError(
        `The dropped folders hold more than ${MAX_DROPPED_FILES.toLocaleString()} files; ` +
          'upload them from the local pane instead',
      );
    }
  }
  const items: DroppedItem[] = [];
  // One at a time: each is a stream to the host's disk, and the queue only starts once
  // all are staged, so parallel uploads would only compete for the same disk.
  for (const { file, relativePath } of files) {
    const path = await stageFile(file, signal);
    items.push({ path, kind: 'file', relativePath, size: file.size });
  }
  return items;
}

async function stageFile(file: File, signal: AbortSignal | undefined): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`/api/drop?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    throw new DropError(`Could not send ${file.name} to the host: ${String(error)}`, {
      cause: error,
    });
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw new DropError(
      `The host refused ${file.name} (HTTP ${response.status})${text === '' ? '' : `: ${text.slice(0, 300)}`}`,
    );
  }
  const body: unknown = await response.json().catch(() => null);
  const path = (body as { path?: unknown } | null)?.path;
  if (typeof path !== 'string' || path === '') {
    throw new DropError(`The host staged ${file.name} but did not say where`);
  }
  return path;
}

/** Every file under a dropped folder, with its path relative to the drop. */
async function walkDirectory(
  root: FileSystemDirectoryEntry,
  out: { file: File; relativePath: string }[],
): Promise<void> {
  const pending: FileSystemDirectoryEntry[] = [root];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    for (const entry of await readAllEntries(folder)) {
      if (entry.isDirectory) pending.push(entry as FileSystemDirectoryEntry);
      else if (entry.isFile) {
        const file = await new Promise<File>((resolve, reject) =>
          (entry as FileSystemFileEntry).file(resolve, reject),
        );
        // fullPath is '/<dropped folder>/sub/name' relative to the drop's virtual root.
        out.push({ file, relativePath: entry.fullPath.replace(/^\/+/, '') });
        if (out.length > MAX_DROPPED_FILES) return;
      }
    }
  }
}

/** readEntries answers in batches (Chromium: 100) until an empty one. */
async function readAllEntries(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}
