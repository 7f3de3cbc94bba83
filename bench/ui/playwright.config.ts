import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/app/chromium.js';
import type { PortsideOptions } from '../../e2e/app/fixtures.js';

// `npm run bench:ui`: the renderer under a 100,000-entry folder and a 100,000-line log
// burst, in Chromium through the browser host, on the end-to-end fixtures (a real vsftpd).
// One worker, so the two measurements do not share the 2-core machine with each other.
const chromium = findChromium();

export default defineConfig<PortsideOptions>({
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../../test-results/bench-ui',
  globalSetup: '../../e2e/app/global-setup.ts',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    ftpServerName: 'vsftpd',
    appKind: 'web',
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
    launchOptions: {
      ...(chromium === undefined ? {} : { executablePath: chromium }),
      args: [...CHROMIUM_ARGS],
    },
  },
});
