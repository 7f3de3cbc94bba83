import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { contentTypeFor } from '../common/content-types.js';

/**
 * Serves the built renderer from one folder: files only (no directory listing), never
 * anything outside the folder, with a content type for every file we ship.
 */

/**
 * Maps a raw request path (still percent-encoded, query removed) to a file under `root`,
 * or undefined when it tries to leave the folder. The check is on decoded segments, so
 * `/../x`, `/%2e%2e/x`, `/..%2fx` and `/..%5cx` are all refused, whatever a URL parser
 * upstream may or may not have normalised. `:` is refused for Windows drive letters and
 * NTFS alternate data streams.
 */
export function resolveStaticPath(root: string, rawPath: string): string | undefined {
  if (!rawPath.startsWith('/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (/[\0\\:]/.test(decoded)) return undefined;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) return undefined;
  const base = resolve(root);
  const full = segments.length === 0 ? join(base, 'index.html') : resolve(base, ...segments);
  const inside = relative(base, full);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    return undefined;
  }
  return full;
}

export type StaticOutcome =
  | { readonly kind: 'file'; readonly path: string; readonly size: number }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'bad-path' }
  | { readonly kind: 'not-built' };

/** Finds what a GET of `rawPath` should answer, following symlinks only within the folder. */
export async function lookUpStatic(root: string, rawPath: string): Promise<StaticOutcome> {
  if (!(await isFile(join(root, 'index.html')))) return { kind: 'not-built' };
  const path = resolveStaticPath(root, rawPath);
  if (path === undefined) return { kind: 'bad-path' };
  try {
    const [realRoot, realPath] = await Promise.all([realpath(root), realpath(path)]);
    if (!realPath.startsWith(realRoot + sep)) return { kind: 'bad-path' };
    const info = await stat(realPath);
    if (!info.isFile()) return { kind: 'not-found' };
    return { kind: 'file', path: realPath, size: info.size };
  } catch {
    return { kind: 'not-found' };
  }
}

/** Streams a file found by lookUpStatic; headers already on `response` are kept. */
export function sendFile(
  response: ServerResponse,
  file: { readonly path: string; readonly size: number },
  headOnly: boolean,
): void {
  response.writeHead(200, {
    'Content-Type': contentTypeFor(file.path),
    'Content-Length': String(file.size),
  });
  if (headOnly) {
    response.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

export function notBuiltText(rendererDir: string): string {
  return [
    'Portside is running, but its user interface has not been built yet.',
    '',
    `It is served from: ${rendererDir}`,
    'Build it with:     npm run build',
    'or build and start everything with:  npm run web',
    '',
  ].join('\n');
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
