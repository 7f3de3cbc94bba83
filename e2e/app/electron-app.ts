// The same specs against the desktop app, through Playwright's Electron support. Electron's
// runtime is fetched from outside the npm registry (on first launch since Electron 42), so
// on these machines it is usually absent: then the `electron` project skips with a reason
// instead of failing, and the browser host carries the flows.
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { lacksDisplay, locateElectron } from '../../scripts/electron-runtime.mjs';
import { packagedTestBuild } from './packaged-app.js';
import { ELECTRON_MAIN, REPO_ROOT } from './paths.js';

export const NO_ELECTRON = 'Electron binary not installed';

/** Why the desktop app cannot be launched here, or null when it can. */
export function electronUnavailable(env: NodeJS.ProcessEnv = process.env): string | null {
  // locateElectron reads node_modules/electron without `require('electron')`, which would
  // start the runtime download (with no time limit) as a side effect.
  // The packaged test build (npm run dist:test) carries its own Electron.
  if (packagedTestBuild() === null) {
    const runtime = locateElectron(env);
    if (runtime === null || !existsSync(runtime.binary)) return NO_ELECTRON;
    if (!existsSync(ELECTRON_MAIN)) return 'Electron main process not built (run `npm run build`)';
  }
  if (lacksDisplay(process.platform, env)) {
    return 'no display for the Electron window (run the suite under xvfb-run)';
  }
  return null;
}

export interface LaunchedElectron {
  readonly app: ElectronApplication;
  readonly page: Page;
}

export async function launchElectron(options: {
  readonly userDataDir: string;
  readonly env: Readonly<Record<string, string>>;
  /** Operands the app is started with (an ftp:// link, as Windows and Linux pass one). */
  readonly args?: readonly string[];
}): Promise<LaunchedElectron> {
  const packaged = packagedTestBuild();
  const runtime = packaged === null ? locateElectron(process.env) : null;
  if (packaged === null && runtime === null) throw new Error(NO_ELECTRON);
  const app = await _electron.launch({
    executablePath: packaged ?? runtime?.binary ?? '',
    // The project folder (package.json "main" is the built main process) unless the app is
    // packaged (it loads its own app.asar), and Chromium's switch for where
    // app.getPath('userData') points, so every test has its own settings.
    args: [
      ...(packaged === null ? [REPO_ROOT] : []),
      `--user-data-dir=${options.userDataDir}`,
      '--no-sandbox',
      ...(options.args ?? []),
    ],
    env: {
      ...options.env,
      DISPLAY: process.env['DISPLAY'] ?? '',
      ...(process.env['WAYLAND_DISPLAY'] === undefined
        ? {}
        : { WAYLAND_DISPLAY: process.env['WAYLAND_DISPLAY'] }),
    },
  });
  const page = await app.firstWindow();
  return { app, page };
}
