import { z } from 'zod';
import { hostString, pathString, port, textString } from '../contract/limits.js';
import { describeFtpUrl, type FtpUrl } from '../url/ftp-url.js';

/**
 * An ftp:// or ftps:// link the operating system handed to the app (a click in a browser
 * or mail, `portside ftp://…` on a command line). It only fills Quickconnect; the user
 * confirms before anything connects.
 *
 * There is deliberately no password field: a password written into a link was chosen by
 * whoever wrote the link, and on Windows and Linux the link is also visible to every
 * process on the machine (it is on the command line). It is dropped in the main process,
 * and `passwordDropped` lets the UI say so, so the user types the password themselves.
 */
export const openUrlRequestSchema = z
  .object({
    scheme: z.enum(['ftp', 'ftps']),
    host: hostString,
    port: port.nullable(),
    user: textString.nullable(),
    /** '' for the login folder; relative or absolute as in RFC 1738 (see ftp-url.ts). */
    path: pathString,
    passwordDropped: z.boolean(),
  })
  .strict();

export type OpenUrlRequest = z.output<typeof openUrlRequestSchema>;

/** The request for a parsed URL, without its password; null when a field breaks the limits. */
export function openUrlRequestFor(url: FtpUrl): OpenUrlRequest | null {
  const parsed = openUrlRequestSchema.safeParse({
    scheme: url.scheme,
    host: url.host,
    port: url.port ?? null,
    user: url.user ?? null,
    path: url.path,
    passwordDropped: url.password !== undefined,
  });
  return parsed.success ? parsed.data : null;
}

/** The link as the confirmation shows it: ftp://user@host:port/path, never a password. */
export function describeOpenUrl(request: OpenUrlRequest): string {
  return describeFtpUrl({
    scheme: request.scheme,
    host: request.host,
    port: request.port ?? undefined,
    user: request.user ?? undefined,
    password: undefined,
    path: request.path,
    isFolder: true,
  });
}
