import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIPv4 } from 'node:net';

/**
 * The pure checks every request to the browser host passes before anything else runs.
 * They are the whole of the host's access control, so each is small and unit-tested:
 * loopback peer, exact Host (DNS rebinding), exact Origin (cross-site use), access token.
 */

/** A fresh access token per launch: 256 random bits, URL-safe. */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * 127.0.0.0/8, ::1, and 127.x.y.z written as an IPv4-mapped IPv6 address (what a
 * dual-stack socket reports). Anything else, including an unknown address, is refused.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const lower = address.toLowerCase();
  if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true;
  const v4 = lower.startsWith('::ffff:') ? lower.slice('::ffff:'.length) : lower;
  return isIPv4(v4) && v4.startsWith('127.');
}

/**
 * The only Host values the host answers to. A DNS-rebinding page reaches us under its own
 * name (`evil.example:PORT`), so anything but these exact strings is refused; the port
 * must be ours too, since another local server's pages would carry theirs.
 */
export function allowedHosts(port: number): readonly string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host);
}

/** Origins our own pages have: the two Host values over http. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin !== undefined && allowedHosts(port).some((host) => origin === `http://${host}`);
}

/**
 * Compares a presented token with ours in constant time. Hashing both first gives equal
 * lengths (timingSafeEqual requires them) without leaking the length of ours.
 */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * Cookies are scoped by host name, not by port (RFC 6265 §8.5), so two hosts running on
 * different ports of 127.0.0.1 would overwrite one cookie. The port in the name keeps
 * them apart.
 */
export function tokenCookieName(port: number): string {
  return `portside_token_${port}`;
}

/** Every value of the named cookie in a Cookie header (a name may appear more than once). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (header === undefined) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

export function tokenCookie(port: number, token: string): string {
  // No Max-Age: a session cookie, gone with the browser session; the token changes with
  // every launch anyway. Secure is impossible over plain http on loopback.
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** What the access decision looks at, taken from a request (kept apart for unit tests). */
export interface AccessRequest {
  readonly remoteAddress: string | undefined;
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly cookie: string | undefined;
  /** `token` from the query string, when present. */
  readonly queryToken: string | undefined;
  /** WebSocket upgrades must carry an Origin: browsers always send one there. */
  readonly requireOrigin: boolean;
}

export type AccessDecision =
  | { readonly allowed: true; readonly by: 'cookie' | 'query' }
  | { readonly allowed: false; readonly reason: string };

/**
 * Who may talk to the host: a loopback peer, asking for our exact Host, from our own
 * Origin (when it names one), holding the launch token (as a query parameter once, then
 * as the cookie that answer sets). The first failed check decides the reason.
 */
export function decideAccess(request: AccessRequest, port: number, token: string): AccessDecision {
  if (!isLoopbackAddress(request.remoteAddress)) {
    return refuse('Portside only answers connections from this computer.');
  }
  if (!isAllowedHost(request.host, port)) {
    return refuse(`Portside only answers to http://127.0.0.1:${port}/.`);
  }
  if (
    request.origin === undefined ? request.requireOrigin : !isAllowedOrigin(request.origin, port)
  ) {
    return refuse('Requests from other sites are not accepted.');
  }
  if (request.queryToken !== undefined) {
    return tokenMatches(request.queryToken, token)
      ? { allowed: true, by: 'query' }
      : refuse('Wrong access token: Portside prints a new address each time it starts.');
  }
  const cookies = cookieValues(request.cookie, tokenCookieName(port));
  // Every candidate is compared (no early exit) so timing says nothing about which matched.
  const matched = cookies.reduce((found, value) => tokenMatches(value, token) || found, false);
  return matched
    ? { allowed: true, by: 'cookie' }
    : refuse('Open the address Portside printed when it started: it contains the access token.');
}

function refuse(reason: string): AccessDecision {
  return { allowed: false, reason };
}
