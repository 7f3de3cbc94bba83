// Screenshots of the main window connected to the demo server, light and dark, for the
// README and for looking at the UI as a user would: `npm run build && node scripts/screenshots.mjs`.
// Needs Chromium (Debian: apt-get install chromium); writes docs/screenshots/*.png.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = 'docs/screenshots';
await mkdir(out, { recursive: true });
// A home folder of its own, so the local pane shows sample files rather than the user's.
const home = await mkdtemp(join(tmpdir(), 'portside-shots-home-'));
await mkdir(join(home, 'Documents'));
await mkdir(join(home, 'Pictures'));
await writeFile(join(home, 'notes.txt'), 'Local notes\n');
await writeFile(join(home, 'site-backup.zip'), Buffer.alloc(48_213, 1));

const demo = spawn(process.execPath, ['dist/web/portside-demo.mjs'], {
  env: { ...process.env, HOME: home },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let printed = '';
const url = await new Promise((resolve, reject) => {
  demo.stdout.on('data', (chunk) => {
    printed += chunk;
    const match = /running at (\S+)/.exec(printed);
    if (match) resolve(match[1]);
  });
  demo.once('exit', () => reject(new Error('the demo stopped')));
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme });
    await page.goto(url);
    await page.getByRole('button', { name: 'Site Manager' }).first().click();
    const siteManager = page.getByRole('dialog', { name: 'Site Manager' });
    await siteManager.getByText('Local demo server').click();
    await page.screenshot({ path: `${out}/site-manager-${colorScheme}.png` });
    await siteManager.getByRole('button', { name: 'Connect' }).click();
    const remote = page.getByRole('grid', { name: 'Remote files' });
    await remote.getByRole('row', { name: 'docs' }).dblclick();
    await remote.getByRole('row', { name: 'Quarterly report Q3.txt' }).click();
    await page
      .getByRole('grid', { name: 'Local files' })
      .getByRole('row', { name: 'notes.txt' })
      .click();
    await page.screenshot({ path: `${out}/main-${colorScheme}.png` });
    await page.close();
  }
} finally {
  await browser.close();
  demo.kill('SIGTERM');
  await rm(home, { recursive: true, force: true });
}
