// End-to-end flows of issue 7: the real UI, in Chromium through the browser host (and in
// the Electron app where its runtime is installed), against real FTP servers on 127.0.0.1.
//
//   npm run build && npx playwright test -c e2e/playwright.config.ts
//
// PORTSIDE_E2E_SERVER=proftpd|pureftpd runs the flows against another server (vsftpd by
// default); PORTSIDE_CHROMIUM names another Chromium. The HTML report (a screenshot per
// flow) is written to playwright-report/, traces of failures to test-results/e2e/.
import { defineConfig } from '@playwright/test';
import type { ServerName } from './servers/ftp-servers.js';
import { CHROMIUM_ARGS, findChromium } from './app/chromium.js';
import type { PortsideOptions } from './app/fixtures.js';

const serverName = (process.env['PORTSIDE_E2E_SERVER'] ?? 'vsftpd') as ServerName;
const chromium = findChromium();

export default defineConfig<PortsideOptions>({
  testDir: './flows',
  outputDir: '../test-results/e2e',
  globalSetup: './app/global-setup.ts',
  // Flows wait on real servers (vsftpd delays a failed login by about 3 s), never on
  // wall-clock expectations; these limits only stop a hung run.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Two workers: each has its own FTP server, host and browser; a 2-core CI box runs
  // both without the flows starving each other.
  workers: 2,
  fullyParallel: true,
  forbidOnly: process.env['CI'] !== undefined,
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: '../playwright-report', open: 'never' }]],
  use: {
    ftpServerName: serverName,
    viewport: { width: 1400, height: 900 },
    // Sizes and dates are formatted in the browser's locale; the flows compare them.
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(chromium === undefined ? {} : { executablePath: chromium }),
      args: [...CHROMIUM_ARGS],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium', appKind: 'web' } },
    // Skips every test with "Electron binary not installed" where it is not (the fixtures
    // check before anything starts).
    { name: 'electron', use: { appKind: 'electron' } },
  ],
});
