import { app, dialog } from 'electron';
import {
  createLinkRelay,
  FTP_LINK_SCHEMES,
  LINK_HANDLER_ARGUMENTS,
  linkInArguments,
  registersAsLinkHandler,
} from '../shell-policy/ftp-links.js';
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
  // ftp:// and ftps:// links (see shell-policy/ftp-links.ts): held until the window takes
  // them, then they fill Quickconnect, which asks before connecting.
  const links = createLinkRelay((request) => shell?.showLink(request));
  const openLink = (text: string) => {
    const outcome = links.open(text);
    if (!outcome.ok) {
      if (shell === undefined) console.warn(outcome.message);
      else shell.notify(outcome.message);
    }
    shell?.focus();
  };
  if (registersAsLinkHandler(process.platform, app.isPackaged)) {
    // Reviewed (electronegativity's protocol-handler check): the handler is this app with
    // `--` before the link, and a link only ever fills Quickconnect through
    // shell-policy/ftp-links.ts (no password, no settings, the user confirms).
    const handlerArgs = [...LINK_HANDLER_ARGUMENTS];
    for (const scheme of FTP_LINK_SCHEMES) {
      app.setAsDefaultProtocolClient(scheme, process.execPath, handlerArgs); // eng-disable PROTOCOL_HANDLER_JS_CHECK
    }
  }
  // macOS: a link clicked while Portside runs or starts it (this can come before 'ready').
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink(url);
  });
  // Windows and Linux: the link is an argument, of this launch or of a second one.
  const launchLink = linkInArguments(process.argv);
  if (launchLink !== null) openLink(launchLink);
  app.on('second-instance', (_event, argv) => {
    const link = linkInArguments(argv);
    if (link === null) shell?.focus();
    else openLink(link);
  });

  app
    .whenReady()
    .then(async () => {
      shell = await startShell({
        trusted,
        dev: !app.isPackaged,
        mainModuleUrl: import.meta.url,
        links,
      });
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
