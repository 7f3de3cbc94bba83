import { hostString } from '../../../shared/contract/limits.js';
import type { QuickTarget } from '../../../shared/models/session.js';
import { parseFtpUrl } from '../../../shared/url/ftp-url.js';

/** What the quickconnect fields hold. */
export interface QuickFields {
  readonly host: string;
  readonly user: string;
  readonly password: string;
  readonly port: string;
}

/** What the Host field says once a URL in it is taken apart. */
export interface HostFieldParts {
  /** What the Host field should show: the host, with `ftps://` kept so the choice stays visible. */
  readonly hostField: string;
  readonly host: string;
  readonly secure: boolean;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly port: number | undefined;
  readonly remotePath: string | undefined;
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/**
 * Reads the Host field: a plain host name or address, or an ftp:// / ftps:// URL (which
 * may carry the user, password, port and a folder). ftps:// is implicit TLS on 990, as in
 * FileZilla and curl; ftp:// uses TLS when the server offers it.
 */
export function parseHostField(text: string): Parsed<HostFieldParts> {
  const trimmed = text.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    const parsed = parseFtpUrl(trimmed);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const url = parsed.url;
    const secure = url.scheme === 'ftps';
    const hostText = url.host.includes(':') ? `[${url.host}]` : url.host;
    return {
      ok: true,
      value: {
        hostField: secure ? `ftps://${hostText}` : hostText,
        host: url.host,
        secure,
        user: url.user,
        password: url.password,
        port: url.port,
        remotePath: url.path === '' ? undefined : url.path,
      },
    };
  }
  const host = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return {
    ok: true,
    value: {
      hostField: trimmed,
      host,
      secure: false,
      user: undefined,
      password: undefined,
      port: undefined,
      remotePath: undefined,
    },
  };
}

/** The connect request for what the fields hold, or why there is none (said in words). */
export function quickTarget(fields: QuickFields): Parsed<QuickTarget> {
  if (fields.host.trim() === '') return { ok: false, error: 'Enter a host to connect to.' };
  const parts = parseHostField(fields.host);
  if (!parts.ok) return parts;
  const { host, secure, remotePath } = parts.value;
  if (!hostString.safeParse(host).success) {
    return { ok: false, error: `"${host}" is not a host name or address.` };
  }
  let port: number | undefined = parts.value.port;
  if (fields.port.trim() !== '') {
    const value = Number(fields.port.trim());
    if (!/^\d{1,5}$/.test(fields.port.trim()) || value < 1 || value > 65535) {
      return { ok: false, error: 'The port must be a number from 1 to 65535.' };
    }
    port = value;
  }
  const user = fields.user.trim();
  if (/[\r\n\0]/.test(fields.user) || /[\r\n\0]/.test(fields.password)) {
    return { ok: false, error: 'User names and passwords cannot contain line breaks.' };
  }
  return {
    ok: true,
    value: {
      host,
      ...(port === undefined ? {} : { port }),
      ...(user === '' ? {} : { user }),
      ...(fields.password === '' ? {} : { password: fields.password }),
      ...(secure ? { encryption: 'implicit' as const } : {}),
      ...(remotePath === undefined ? {} : { remotePath }),
    },
  };
}
