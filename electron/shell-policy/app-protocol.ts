import { resolve, sep } from 'node:path';
import { contentTypeFor } from '../common/content-types.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';

/**
 * The renderer is served from a custom `app://portside/` origin instead of `file://`.
 *
 * Why not file://: every file:// page shares one opaque origin, so `'self'` in the CSP and
 * a same-origin check would both match any file on the disk, and a page could read other
 * local files with fetch(). A privileged standard scheme gives the app a real origin of its
 * own, lets the sender check compare exact URLs, and puts every byte the renderer loads
 * behind one handler that serves only the build output folder.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'portside';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges for protocol.registerSchemesAsPrivileged. `standard` gives the scheme real
 * origins and relative URL resolution, `secure` makes the page a secure context,
 * `supportFetchAPI` and `corsEnabled` let module scripts (bundlers emit
 * `<script type="module" crossorigin>`, fetched in CORS mode) load from it. Never
 * `bypassCSP`: the policy must apply to our own pages too.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
} as const;

/** A URL on the app's own origin (no user info, no port, nothing else). */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export interface AppAsset {
  readonly path: string;
  readonly mimeType: string;
}

/**
 * Maps an app:// request to a file inside `rootDir` (the renderer build output), or null
 * when the URL is foreign or would escape the folder. WHATWG URL parsing already removes
 * `..` and `%2e%2e` segments; the decoded path is checked again because `%2f` and `%5c`
 * decode to separators the parser did not see.
 */
export function resolveAppAsset(rootDir: string, requestUrl: string): AppAsset | null {
  if (!isAppUrl(requestUrl)) return null;
  const parsed = parseUrl(requestUrl);
  if (parsed === null) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const path = resolve(root, relative);
  if (!path.startsWith(root + sep)) return null;
  return { path, mimeType: contentTypeFor(path) };
}

/** Headers of every app:// response: the CSP travels with the document itself. */
export function appResponseHeaders(mimeType: string): Record<string, string> {
  return {
    'Content-Type': mimeType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
