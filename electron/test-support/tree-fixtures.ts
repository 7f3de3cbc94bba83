import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Writes `count` small random files spread over nested folders; returns their relative paths. */
export async function makeTree(root: string, count: number, size = 512): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const folder = join(`d${i % 5}`, `sub ${i % 7}`, i % 2 === 0 ? 'deep' : '');
    await mkdir(join(root, folder), { recursive: true });
    const path = join(folder, `file-${i}.bin`);
    await writeFile(join(root, path), randomBytes(size + (i % 97)));
    paths.push(path);
  }
  return paths.sort();
}

/** Relative path → SHA-256 of every regular file below `root`. */
export async function hashTree(root: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    hashes.set(relative(root, path), sha256(await readFile(path)));
  }
  return new Map([...hashes.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
