// Bytes on disk: what the flows check besides what the window shows. A transfer is only
// right when the file that arrived has the same SHA-256 as the one that left.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export { hashTree, sha256 } from '../../electron/test-support/tree-fixtures.js';

export async function sha256File(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/** Names directly in `dir`, sorted as the panes sort them for comparison. */
export async function namesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort((a, b) => a.localeCompare(b));
}

/** Removes everything inside `dir` but keeps the folder itself (and its owner). */
export async function emptyFolder(dir: string): Promise<void> {
  for (const name of await readdir(dir))
    await rm(join(dir, name), { recursive: true, force: true });
}

/**
 * Files below `dir` whose bytes contain `needle` (as UTF-8, or in the encodings a careless
 * store would use: base64 as FileZilla's sitemanager.xml does, hex). Relative paths.
 */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const forms = [
    Buffer.from(needle, 'utf8'),
    Buffer.from(Buffer.from(needle, 'utf8').toString('base64'), 'utf8'),
    Buffer.from(Buffer.from(needle, 'utf8').toString('hex'), 'utf8'),
  ];
  const hits: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    if (forms.some((form) => bytes.includes(form))) hits.push(path.slice(dir.length + 1));
  }
  return hits;
}
