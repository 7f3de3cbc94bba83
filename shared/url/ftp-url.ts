/**
 * ftp:// and ftps:// URLs as RFC 1738 §3.2 defines them (and curl reads them): the path is
 * relative to the folder the server puts the user in after login, one component per
 * segment, each percent-decoded; a first segment of `%2F` makes the path absolute. A
 * decoded CR, LF or NUL is refused: `ftp://h/a%0d%0aDELE%20x` must never become a command.
 */
export interface FtpUrl {
  readonly scheme: 'ftp' | 'ftps';
  readonly host: string;
  readonly port: number | undefined;
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** '' for the login folder; relative ('a/b') or absolute ('/etc/x') per RFC 1738. */
  readonly path: string;
  /** The URL ended with '/': it names a folder. */
  readonly isFolder: boolean;
}

export type FtpUrlResult =
  { readonly ok: true; readonly url: FtpUrl } | { readonly ok: false; readonly error: string };

const URL_SHAPE =
  /^(ftps?):\/\/(?:([^@/?#]*)@)?(\[[0-9A-Fa-f:.]+\]|[^:/?#[\]@]+)(?::(\d{1,5}))?(\/[^?#]*)?$/i;

export function parseFtpUrl(text: string): FtpUrlResult {
  const match = URL_SHAPE.exec(text.trim());
  if (match === null) return fail(`Not an ftp:// or ftps:// URL: ${text}`);
  const [, scheme = '', userInfo, rawHost = '', rawPort, rawPath] = match as unknown as readonly (
    string | undefined
  )[];
  const port = rawPort === undefined ? undefined : Number(rawPort);
  if (port !== undefined && (port < 1 || port > 65535))
    return fail(`Port out of range: ${rawPort}`);
  const host = rawHost.startsWith('[') ? rawHost.slice(1, -1) : rawHost;
  let user: string | undefined;
  let password: string | undefined;
  try {
    if (userInfo !== undefined) {
      const colon = userInfo.indexOf(':');
      user = decode(colon === -1 ? userInfo : userInfo.slice(0, colon));
      password = colon === -1 ? undefined : decode(userInfo.slice(colon + 1));
    }
    const path = decodePath(rawPath ?? '');
    return {
      ok: true,
      url: {
        scheme: scheme.toLowerCase() as 'ftp' | 'ftps',
        host,
        port,
        user,
        password,
        path,
        isFolder: rawPath === undefined || rawPath.endsWith('/'),
      },
    };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

function decodePath(raw: string): string {
  // Strip the '/' that separates the host from the path, and a ";type=x" typecode.
  const body = raw.replace(/^\//, '').replace(/;type=[aid]$/i, '');
  if (body === '') return '';
  const segments = body.split('/').map(decode);
  const joined = segments.join('/');
  return joined.endsWith('/') && joined.length > 1 ? joined.slice(0, -1) : joined;
}

function decode(part: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(part);
  } catch {
    throw new Error(`Malformed percent-escape in URL: ${part}`);
  }
  if (/[\r\n\0]/.test(decoded))
    throw new Error('The URL contains a line break or NUL character; refused');
  return decoded;
}

function fail(error: string): FtpUrlResult {
  return { ok: false, error };
}

/** The URL as it may be shown to a person: never with the password. */
export function describeFtpUrl(url: FtpUrl): string {
  const host = url.host.includes(':') ? `[${url.host}]` : url.host;
  const user = url.user === undefined ? '' : `${encodeURIComponent(url.user)}@`;
  const port = url.port === undefined ? '' : `:${url.port}`;
  return `${url.scheme}://${user}${host}${port}/${url.path}`;
}
