import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';

/**
 * Writes JSON so that a crash or a full disk never leaves a half-written file: write a
 * temporary file beside the target, flush it to disk, then rename it over the target (an
 * atomic replace on POSIX and on NTFS).
 */
export async function writeJsonAtomic(path: string, data: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(data, null, 2)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

export type LoadOutcome<T> =
  | { readonly status: 'missing'; readonly value: T }
  | { readonly status: 'loaded'; readonly value: T }
  /** The file was unreadable or invalid: it was moved to `keptAt` and defaults are used. */
  | {
      readonly status: 'corrupt';
      readonly value: T;
      readonly keptAt: string;
      readonly reason: string;
    };

/**
 * Reads and validates a JSON file. A corrupt file is never silently lost: it is renamed
 * aside (`name.corrupt-<time>`) and reported, and the caller gets the fallback.
 */
export async function readJsonFile<T>(
  path: string,
  schema: z.ZodType<T>,
  fallback: T,
): Promise<LoadOutcome<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { status: 'missing', value: fallback };
    throw error;
  }
  let reason: string;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return { status: 'loaded', value: parsed.data };
    reason = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
      .join('; ');
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  const keptAt = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, keptAt);
  return { status: 'corrupt', value: fallback, keptAt, reason };
}
