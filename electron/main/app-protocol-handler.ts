import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  appResponseHeaders,
  resolveAppAsset,
} from '../shell-policy/app-protocol.js';

/** Must run before the app is ready: Chromium fixes scheme privileges at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
}

/** Serves app://portside/ from the renderer build folder, and nothing outside it. */
export function serveApp(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405 });
    }
    const asset = resolveAppAsset(rendererDir, request.url);
    if (asset === null) return new Response(null, { status: 404 });
    try {
      const body = await readFile(asset.path);
      return new Response(body, { status: 200, headers: appResponseHeaders(asset.mimeType) });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}
