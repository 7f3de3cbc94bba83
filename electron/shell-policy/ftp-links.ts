import { openUrlRequestFor, type OpenUrlRequest } from '../../shared/models/open-url.js';
import { parseFtpUrl } from '../../shared/url/ftp-url.js';

/**
 * ftp:// and ftps:// links opened with Portside: how they reach the app on each platform,
 * what is kept of them, and how they get to the window. The links only ever fill
 * Quickconnect; the renderer asks before connecting, and nothing here touches settings.
 *
 * - macOS delivers a link as the `open-url` event (also at launch, before `ready`).
 * - Windows and Linux start the app with the link as a command-line argument; when
 *   Portside already runs, the second instance's arguments reach the first one through
 *   `second-instance` and the second instance quits (single-instance lock).
 */
export const FTP_LINK_SCHEMES = ['ftp', 'ftps'] as const;

const LINK_ARGUMENT = /^ftps?:\/\//i;

/**
 * The link among command-line arguments, or null. Only an argument that starts with the
 * scheme counts, so no other argument (a Chromium switch, a path) is ever read as a link.
 * The last one wins: Windows appends the link after anything else on the command line.
 */
export function linkInArguments(argv: readonly string[]): string | null {
  for (let index = argv.length - 1; index >= 0; index -= 1) {
    const argument = argv[index];
    if (argument !== undefined && LINK_ARGUMENT.test(argument)) return argument;
  }
  return null;
}

export type LinkOutcome =
  | { readonly ok: true; readonly request: OpenUrlRequest }
  | { readonly ok: false; readonly message: string };

/** What the window gets for a link: never its password (see shared/models/open-url.ts). */
export function readLink(text: string): LinkOutcome {
  const parsed = parseFtpUrl(text);
  if (!parsed.ok) return { ok: false, message: `Portside cannot open this link: ${parsed.error}` };
  const request = openUrlRequestFor(parsed.url);
  if (request === null) {
    return {
      ok: false,
      message: 'Portside cannot open this link: a part of it is too long or not allowed.',
    };
  }
  return { ok: true, request };
}

/**
 * Whether the app registers itself as the ftp:// and ftps:// handler when it starts. Only
 * a packaged Windows build does: there the NSIS installer writes no URL handlers, and
 * Electron's call writes them for the current user. On macOS the app bundle's Info.plist
 * and on Linux the .desktop file declare the schemes (electron-builder's `protocols`), and
 * the user chooses the default handler in the system's settings; claiming it on every
 * start would take it from another client the user picked. A development run never
 * registers (it would register the bare Electron binary).
 */
export function registersAsLinkHandler(platform: NodeJS.Platform, packaged: boolean): boolean {
  return packaged && platform === 'win32';
}

/**
 * Arguments put before the link in the Windows handler's command line. `--` ends
 * Chromium's switches, so a crafted link such as `ftp://x" --some-switch` can never be
 * read as a switch (defence in depth: Windows quotes %1 as well).
 */
export const LINK_HANDLER_ARGUMENTS: readonly string[] = ['--'];

export interface LinkRelay {
  /** A link arrived: the window gets it now if it is listening, else when it asks. */
  open(text: string): LinkOutcome;
  /** The window subscribed and asks for what came before ('app:take-open-url'). */
  take(): OpenUrlRequest | null;
  /** The window closed (macOS keeps running): hold links again until a new one asks. */
  windowClosed(): void;
}

/**
 * Holds a link until the window can take it. A link often arrives before there is a
 * window (the app was started by clicking it), and an event sent before the renderer has
 * subscribed would be lost; so the renderer subscribes first, then takes what is held,
 * and from then on links are pushed as they come. Only the latest link is held: it is the
 * one the user clicked last.
 */
export function createLinkRelay(push: (request: OpenUrlRequest) => void): LinkRelay {
  let held: OpenUrlRequest | null = null;
  let listening = false;
  return {
    open(text) {
      const outcome = readLink(text);
      if (!outcome.ok) return outcome;
      if (listening) push(outcome.request);
      else held = outcome.request;
      return outcome;
    },
    take() {
      listening = true;
      const request = held;
      held = null;
      return request;
    },
    windowClosed() {
      listening = false;
    },
  };
}
