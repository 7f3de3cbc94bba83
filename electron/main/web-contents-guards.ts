import { shell, type WebContents } from 'electron';
import { decideWindowOpen, mayNavigate, mayOpenExternal } from '../shell-policy/navigation.js';
import type { TrustedWindows } from '../shell-policy/sender-check.js';

/**
 * Applied to every web contents the moment it exists (app 'web-contents-created'), ours
 * or not: no navigation away from the app, no redirects, no <webview>, no new windows.
 * An https link clicked in our own window opens in the OS browser instead.
 */
export function guardWebContents(contents: WebContents, trusted: TrustedWindows): void {
  const refuseNavigation = (event: { readonly url: string; preventDefault(): void }) => {
    if (!mayNavigate(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', refuseNavigation);
  contents.on('will-frame-navigate', refuseNavigation);
  contents.on('will-redirect', refuseNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url, trusted.has(contents.id));
    if (decision.openExternal && mayOpenExternal(url)) {
      // electronegativity flags every openExternal whose argument is not a constant, for a
      // person to review. Reviewed: the URL has just passed mayOpenExternal (https only, no
      // credentials, no control characters; tests 9.30), and only the app window gets here.
      const opening = shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
      opening.catch((error: unknown) => {
        console.warn(`Could not open ${url} in the browser:`, error);
      });
    }
    return { action: decision.action };
  });
}
