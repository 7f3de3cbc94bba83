import type { OpenUrlRequest } from '../../../shared/models/open-url.js';
import type { QuickFields } from './quick-target.js';

/**
 * The quickconnect fields a link fills. Host keeps `ftps://` so the secure choice stays
 * visible (as when a URL is typed); the password field is emptied: a link never brings one.
 */
export function fieldsForLink(request: OpenUrlRequest): {
  readonly fields: QuickFields;
  readonly path: string | undefined;
} {
  const host = request.host.includes(':') ? `[${request.host}]` : request.host;
  return {
    fields: {
      host: request.scheme === 'ftps' ? `ftps://${host}` : host,
      user: request.user ?? '',
      password: '',
      port: request.port === null ? '' : String(request.port),
    },
    path: request.path === '' ? undefined : request.path,
  };
}
