// Which Chromium the specs drive. Playwright's own browser builds are downloaded from a
// CDN that these machines cannot reach, so the specs use Debian's Chromium (or whatever
// PORTSIDE_CHROMIUM names); e2e/setup-browser.sh installs it.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

/** The first executable Chromium found, or undefined. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env['PORTSIDE_CHROMIUM'];
  if (named !== undefined && named !== '') return isExecutable(named) ? named : undefined;
  for (const dir of (env['PATH'] ?? '/usr/bin').split(delimiter)) {
    for (const name of CANDIDATES) {
      const path = join(dir, name);
      if (isExecutable(path)) return path;
    }
  }
  return undefined;
}

/**
 * Flags for a headless Chromium on a closed network. Without the background-networking
 * ones Chromium keeps trying to reach Google's services (updates, sync, field trials),
 * which on this network only produces a flood of failing connections. --no-sandbox: the
 * suite runs as root in CI, where Chromium's sandbox refuses to start.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const NO_CHROMIUM_MESSAGE =
  "No Chromium found for the end-to-end tests. Install Debian's with `bash e2e/setup-browser.sh` " +
  '(as root: apt-get install chromium), or point PORTSIDE_CHROMIUM at a Chromium or Chrome ' +
  'executable. (`npx playwright install` cannot work here: its downloads are blocked.)';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
