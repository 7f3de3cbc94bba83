// The app under test, in either of its hosts: the browser host in Chromium (what runs
// here) or the Electron shell. Both give a window (a Playwright Page) on the same user-data
// folder and can be restarted on it, which flow 7 needs (a saved password must survive).
import type { BrowserContext, Page } from '@playwright/test';
import { launchElectron, type LaunchedElectron } from './electron-app.js';
import { startWebHost, type WebHostProcess } from './web-host-process.js';

export type AppKind = 'web' | 'electron';

export interface AppHost {
  readonly kind: AppKind;
  /** The window showing the app now (a new one after restart() in Electron). */
  readonly page: Page;
  /** Quits the app and starts it again on the same user-data folder; the new window. */
  restart(): Promise<Page>;
  stop(): Promise<void>;
  /** What the host said on its way (the web host's stderr), for failure reports. */
  diagnostics(): string;
}

export interface AppHostOptions {
  readonly userDataDir: string;
  /** The host's whole environment (see hostEnvironment). */
  readonly env: Readonly<Record<string, string>>;
  /** Operands after the host's own options (flow 12: the ftp:// link it was opened with). */
  readonly args?: readonly string[];
}

/**
 * The browser host plus a tab on it. A restart stops the host (SIGTERM) and starts a new
 * one; the tab then opens the new address, with its new token, as a person would.
 */
export async function startWebApp(
  context: BrowserContext,
  options: AppHostOptions,
): Promise<AppHost> {
  let host: WebHostProcess = await startWebHost(options);
  let earlier = '';
  const page = await context.newPage();
  await page.goto(host.url);
  return {
    kind: 'web',
    page,
    async restart() {
      await host.stop();
      earlier += host.stderr();
      host = await startWebHost(options);
      await page.goto(host.url);
      return page;
    },
    async stop() {
      await host.stop();
    },
    diagnostics: () => earlier + host.stderr(),
  };
}

export async function startElectronApp(options: AppHostOptions): Promise<AppHost> {
  let launched: LaunchedElectron = await launchElectron(options);
  return {
    kind: 'electron',
    get page() {
      return launched.page;
    },
    async restart() {
      await launched.app.close();
      launched = await launchElectron(options);
      return launched.page;
    },
    async stop() {
      await launched.app.close();
    },
    diagnostics: () => '',
  };
}
