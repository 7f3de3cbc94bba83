import type { Session } from 'electron';
import { withContentSecurityPolicy } from '../shell-policy/csp.js';
import { decidePermission, mayLoadResource } from '../shell-policy/navigation.js';

/**
 * Session-wide rules, beneath the per-window ones: every permission denied but writing text to the clipboard, no request
 * leaves for anywhere but the app's own origin, every response carries our CSP (the app://
 * handler sets it too; this also covers anything that reaches the session another way),
 * and no download starts.
 */
export function hardenSession(session: Session, devTools: boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(decidePermission(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    decidePermission(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !mayLoadResource(details.url, devTools) }),
  );
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) }),
  );
  session.on('will-download', (event) => event.preventDefault());
}
