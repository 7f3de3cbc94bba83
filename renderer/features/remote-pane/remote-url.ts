import type { SessionInfo } from '../../../shared/models/session.js';

/**
 * The URL "Copy URL" puts on the clipboard: ftp://user@host:port/path, each path segment
 * percent-encoded (a name with '#', '?' or spaces stays one segment). Built from the
 * session info, which never holds the password, so no password can appear here.
 */
export function remoteUrl(
  session: Pick<SessionInfo, 'host' | 'port' | 'user'>,
  path: string,
): string {
  const host = session.host.includes(':') ? `[${session.host}]` : session.host;
  const user = session.user === '' ? '' : `${encodeURIComponent(session.user)}@`;
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return `ftp://${user}${host}:${session.port}${encoded.startsWith('/') ? '' : '/'}${encoded}`;
}
