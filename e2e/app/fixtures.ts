// Fixtures for the end-to-end flows (Playwright's test.extend, per its guides):
//
//   worker  ftpServer     a real FTP server (vsftpd by default; option ftpServerName), one per
//                         worker because starting one costs a second and tests in a worker
//                         run one after another. Plain FTP only (tls: false), like the
//                         server in the reference article; flow 10 starts its own FTPS ones.
//   test    server        that server with an empty root: each test seeds what it needs
//           testDir       a temporary folder holding the three below, removed afterwards
//           localDir      the folder the local pane shows (bytes are checked here)
//           userDataDir   the host's --user-data folder (settings, sites, pins)
//           hostEnv       extra environment for the host (flow 7: the keyring's D-Bus)
//           hostArgs      operands the host is started with (flow 12: an ftp:// link)
//           keyring       a private unlocked Secret Service (only flows that ask for it)
//           host          the app, started from the build (dist/), restartable
//           page          the window, already at the app (token URL traded for the cookie)
//           app           page objects for that window, local pane at localDir; on teardown
//                         a screenshot of the window goes into the report
import { test as base, type Page } from '@playwright/test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  canStartServer,
  startServer,
  type RunningServer,
  type ServerName,
} from '../servers/ftp-servers.js';
import { PortsideWindow } from '../pages/portside-window.js';
import { startElectronApp, startWebApp, type AppHost, type AppKind } from './app-host.js';
import { emptyFolder } from './disk.js';
import { electronUnavailable } from './electron-app.js';
import {
  KEYRING_HINT,
  missingKeyringTools,
  startSessionKeyring,
  type SessionKeyring,
} from './session-keyring.js';
import { hostEnvironment } from './web-host-process.js';

export type { AppKind } from './app-host.js';

export interface PortsideOptions {
  /** Which host runs the app: the browser host in Chromium, or the Electron shell. */
  appKind: AppKind;
  /** Which real server the worker starts (PORTSIDE_E2E_SERVER in the config). */
  ftpServerName: ServerName;
}

type Unavailable = { readonly unavailable: string };

interface WorkerFixtures {
  ftpServerName: ServerName;
  ftpServer: RunningServer | Unavailable;
}

interface TestFixtures {
  appKind: AppKind;
  skipWhereUnavailable: undefined;
  server: RunningServer;
  testDir: string;
  localDir: string;
  userDataDir: string;
  hostEnv: Readonly<Record<string, string>>;
  hostArgs: readonly string[];
  keyring: SessionKeyring;
  host: AppHost;
  app: PortsideWindow;
}

/** In CI a missing prerequisite is a failure; on a developer's machine, a skip that says why. */
const strict = process.env['CI'] === 'true' || process.env['CI'] === '1';

export const test = base.extend<TestFixtures, WorkerFixtures>({
  appKind: ['web', { option: true }],
  ftpServerName: ['vsftpd', { option: true, scope: 'worker' }],

  // Runs before every other fixture of a test (auto fixtures come first), so an Electron
  // project without Electron skips without starting servers or hosts for nothing.
  skipWhereUnavailable: [
    async ({ appKind }, use, testInfo) => {
      if (appKind === 'electron') {
        const why = electronUnavailable();
        testInfo.skip(why !== null, why ?? '');
      }
      await use(undefined);
    },
    { auto: true },
  ],

  ftpServer: [
    async ({ ftpServerName }, use) => {
      const can = await canStartServer(ftpServerName);
      if (!can.ok) {
        await use({ unavailable: can.reason });
        return;
      }
      const server = await startServer(ftpServerName, { tls: false });
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  server: async ({ ftpServer }, use, testInfo) => {
    if ('unavailable' in ftpServer) {
      if (strict) throw new Error(ftpServer.unavailable);
      testInfo.skip(true, ftpServer.unavailable);
      return;
    }
    // Tests share the worker's server one after another: each starts from an empty root.
    await emptyFolder(ftpServer.root);
    await use(ftpServer);
  },

  testDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'portside-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  localDir: async ({ testDir }, use) => {
    const dir = join(testDir, 'local');
    await mkdir(dir);
    await use(dir);
  },

  userDataDir: async ({ testDir }, use) => {
    const dir = join(testDir, 'user-data');
    await mkdir(dir);
    await use(dir);
  },

  hostEnv: async ({}, use) => {
    await use({});
  },

  hostArgs: async ({}, use) => {
    await use([]);
  },

  keyring: async ({}, use, testInfo) => {
    const missing = await missingKeyringTools();
    if (missing.length > 0) {
      const why = `${missing.join(', ')} not installed. ${KEYRING_HINT}`;
      if (strict) throw new Error(why);
      testInfo.skip(true, why);
      return;
    }
    const keyring = await startSessionKeyring();
    await use(keyring);
    await keyring.stop();
  },

  host: async ({ appKind, context, testDir, userDataDir, hostEnv, hostArgs }, use, testInfo) => {
    // Its own home, so the host's home folder (where the local pane starts) holds nothing
    // of this machine's, and nothing the app writes there lands in the local folder.
    const home = join(testDir, 'home');
    await mkdir(home);
    const options = { userDataDir, env: hostEnvironment(home, hostEnv), args: hostArgs };
    const host =
      appKind === 'web' ? await startWebApp(context, options) : await startElectronApp(options);
    await use(host);
    await host.stop();
    const said = host.diagnostics();
    if (testInfo.status !== testInfo.expectedStatus && said !== '') {
      await testInfo.attach('host stderr', { body: said, contentType: 'text/plain' });
    }
  },

  page: async ({ host }, use) => {
    await use(host.page);
  },

  app: async ({ host, localDir }, use, testInfo) => {
    const app = new PortsideWindow(host.page);
    await app.ready(localDir);
    await use(app);
    // The window as the flow left it, pass or fail (a restart may have replaced it).
    const page: Page = host.page;
    if (!page.isClosed()) {
      await testInfo.attach('window at the end', {
        body: await page.screenshot(),
        contentType: 'image/png',
      });
    }
  },
});

export { expect } from '@playwright/test';
