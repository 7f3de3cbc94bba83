import { isIP } from 'node:net';
import { FtpError } from './errors.js';
import type { Reply } from './reply-parser.js';

export interface PassiveTarget {
  /** The address the server named (227), or undefined for EPSV which names only a port. */
  readonly host: string | undefined;
  readonly port: number;
}

/**
 * Parses `227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)`. RFC 1123 §4.1.2.6 tells clients to
 * scan for the six numbers because servers vary the text and some drop the parentheses. Any
 * number out of range (> 255, a port of 0) or a negative sign is refused: a malformed reply
 * never leads to a connection attempt.
 */
export function parsePasvReply(reply: Reply): PassiveTarget {
  const text = reply.message;
  const match =
    /(?:^|[^\d,-])(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3})(?![\d,])/.exec(
      text.slice(4),
    );
  if (reply.code !== 227 || match === null) throw malformed(reply);
  const numbers = match.slice(1, 7).map(Number);
  if (numbers.some((n) => n > 255)) throw malformed(reply);
  const [h1, h2, h3, h4, p1, p2] = numbers as [number, number, number, number, number, number];
  const port = p1 * 256 + p2;
  if (port === 0) throw malformed(reply);
  return { host: `${h1}.${h2}.${h3}.${h4}`, port };
}

/** Parses `229 Entering Extended Passive Mode (|||6446|)` (RFC 2428 §3). */
export function parseEpsvReply(reply: Reply): PassiveTarget {
  const match = /\(([\x21-\x7e])\1\1(\d{1,5})\1\)/.exec(reply.message);
  if (reply.code !== 229 || match === null) throw malformed(reply);
  const port = Number(match[2]);
  if (port < 1 || port > 65535) throw malformed(reply);
  return { host: undefined, port };
}

function malformed(reply: Reply): FtpError {
  return new FtpError(
    'protocol',
    `The server sent a malformed passive mode reply: ${reply.message}`,
    {
      reply,
    },
  );
}

/**
 * Picks the host to open the data connection to. A 227 address that differs from the
 * control connection's peer is replaced by the peer: servers behind NAT advertise private
 * addresses, and a hostile server could otherwise aim our connection at a third host
 * (FTP bounce, CVE-1999-0017 in reverse). Users who need a separate data host opt in, and
 * even then an unroutable address from a routable peer is replaced.
 */
export function choosePassiveHost(
  target: PassiveTarget,
  controlPeer: string,
  trustServerAddress: boolean,
): { readonly host: string; readonly replaced: 'unroutable' | 'different-host' | undefined } {
  const named = target.host;
  if (named === undefined || sameAddress(named, controlPeer))
    return { host: controlPeer, replaced: undefined };
  if (isUnroutable(named) && !isUnroutable(controlPeer))
    return { host: controlPeer, replaced: 'unroutable' };
  if (trustServerAddress) return { host: named, replaced: undefined };
  return { host: controlPeer, replaced: 'different-host' };
}

export function sameAddress(a: string, b: string): boolean {
  return normalizeAddress(a) === normalizeAddress(b);
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) compares equal to `127.0.0.1`. */
export function normalizeAddress(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

/** Private, link-local and unique-local ranges (RFC 1918, RFC 3927, RFC 4193). */
export function isUnroutable(address: string): boolean {
  const normalized = normalizeAddress(address);
  if (isIP(normalized) === 4) {
    const [a, b] = normalized.split('.').map(Number) as [number, number];
    return (
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  if (isIP(normalized) === 6) return /^f[cd]/.test(normalized) || /^fe[89ab]/.test(normalized);
  return false;
}
