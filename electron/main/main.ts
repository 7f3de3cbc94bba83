import { app, dialog } from 'electron';
import { TrustedWindows } from '../shell-policy/sender-check.js';
import { registerAppScheme } from './app-protocol-handler.js';
import { startShell, type Shell } from './start-shell.js';
import { guardWebContents } from './web-contents-guards.js';

/**
 * The Electron main process. Everything that must happen before the app is ready happens
 * here, in order; the rest is wired by startShell. Every decision lives in
 * electron/shell-policy/, where it is tested without Electron.
 */
function main(): void {
  // One Portside at a time: a second launch focuses the first window instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Sandbox every renderer, whatever options a window is created with.
  app.enableSandbox();
  registerAppScheme();

  const trusted = new TrustedWindows();
  // Guards go on every web contents as it is created, before it can load anything.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, trusted));

  let shell: Shell | undefined;
  // Issue 11 (ftp:// URLs) will read the second instance's argv here.
  app.on('second-instance', () => shell?.focus());

  app
    .whenReady()
    .then(async () => {
      shell = await startShell({ trusted, dev: !app.isPackaged, mainModuleUrl: import.meta.url });
    })
    .catch((error: unknown) => {
      console.error('Portside could not start:', error);
      dialog.showErrorBox(
        'Portside could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });
}

main();
