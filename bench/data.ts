import { randomFillSync } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { once } from 'node:events';
import type { RunningServer } from '../e2e/servers/ftp-servers.js';

/** Size of each file in the small-file tree (workloads 3 and 4). */
export const SMALL_FILE_SIZE = 4096;

/** Relative paths of the small-file tree: ten folders of ten folders, `files` spread over them. */
export function treeLayout(files: number): string[] {
  return Array.from(
    { length: files },
    (_, i) => `d${i % 10}/e${Math.floor(i / 10) % 10}/f${i}.bin`,
  );
}

/**
 * Writes `size` random bytes (incompressible, so no layer can shortcut them) into the server
 * root as `name`. The file is created through writeFile() so the server's user owns it, then
 * filled in 4 MiB slices with backpressure: a 1 GiB file never sits in memory.
 */
export async function writeBigFile(
  server: RunningServer,
  name: string,
  size: number,
): Promise<string> {
  const target = await server.writeFile(name, '');
  const out = createWriteStream(target, { flags: 'r+' });
  const slice = Buffer.alloc(4 << 20);
  for (let left = size; left > 0;) {
    const n = Math.min(left, slice.length);
    randomFillSync(slice, 0, n);
    // A copy per write: the stream may still hold the previous slice when we refill it.
    if (!out.write(Buffer.from(slice.subarray(0, n)))) await once(out, 'drain');
    left -= n;
  }
  out.end();
  await once(out, 'finish');
  return target;
}

/** The small-file tree, once on the server (downloads) and once locally (uploads). */
export async function writeTrees(
  server: RunningServer,
  serverFolder: string,
  localFolder: string,
  files: number,
): Promise<void> {
  const data = Buffer.alloc(SMALL_FILE_SIZE);
  for (const relative of treeLayout(files)) {
    randomFillSync(data);
    await server.writeFile(`${serverFolder}/${relative}`, data);
    const local = path.join(localFolder, relative);
    await mkdir(path.dirname(local), { recursive: true });
    await writeFile(local, data);
  }
}
