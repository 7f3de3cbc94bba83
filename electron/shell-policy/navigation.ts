import { APP_INDEX_URL, APP_ORIGIN, isAppUrl } from './app-protocol.js';

/**
 * The renderer is a single page: it never navigates. The only document a window may hold
 * is the app's own index (with or without a #fragment); there is no dev-server URL, so a
 * page that somehow ended up elsewhere cannot navigate back in either.
 */
export function mayNavigate(url: string): boolean {
  const withoutFragment = url.split('#', 1)[0];
  return withoutFragment === APP_INDEX_URL || withoutFragment === `${APP_ORIGIN}/`;
}

/**
 * Whether the session may load this resource at all (checked in webRequest.onBeforeRequest,
 * beneath the CSP): the app's own origin, inline data: and blob: objects, and the DevTools
 * front end in development. No remote content ever, whatever a page asks for.
 */
export function mayLoadResource(url: string, devTools: boolean): boolean {
  if (isAppUrl(url)) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  return scheme === 'data' || scheme === 'blob' || (devTools && scheme === 'devtools');
}

const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * Whether shell.openExternal may open this URL: https only. Everything else hands an
 * attacker a way to run something (javascript:, file:, custom schemes registered by other
 * apps, ms-msdt: and friends), downgrade to cleartext (http:, ftp:), or smuggle content
 * (data:). Credentials in the URL are refused too: they would end up in the browser's
 * history and in front of whoever built the link. Control characters and spaces are
 * refused before parsing because the URL parser silently strips some of them.
 */
export function mayOpenExternal(url: unknown): url is string {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) {
    return false;
  }
  if (hasControlOrSpace(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

function hasControlOrSpace(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** What to do with window.open or a target=_blank link: never a new Electron window. */
export interface WindowOpenDecision {
  readonly action: 'deny';
  /** Hand the URL to the OS browser instead (only for our own window's https links). */
  readonly openExternal: boolean;
}

export function decideWindowOpen(url: string, openerIsAppWindow: boolean): WindowOpenDecision {
  return { action: 'deny', openExternal: openerIsAppWindow && mayOpenExternal(url) };
}

/**
 * Permission requests and checks (camera, notifications, clipboard-read, geolocation,
 * HID, serial, …) are denied: the renderer needs none of them, and everything it does need
 * goes through the typed bridge. One exception: writing text to the clipboard
 * ('clipboard-sanitized-write', what navigator.clipboard.writeText asks for) from the app's
 * own page, for "Copy" in the log, the panes and the doctor's report. It only writes, and
 * Chromium sanitises what is written; reading the clipboard stays denied.
 */
export function decidePermission(permission: string, requestingUrl: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl);
}
