// Flow 12: an ftp:// link opened with Portside (issue 11). The host is started with the
// link, as the system starts the app for a clicked link (`npm run web -- ftp://…` in the
// browser host, a command-line argument for Electron on Windows and Linux). The link fills
// Quickconnect and asks; nothing connects until the user says yes, and the password the
// link carried is not used.
import { join } from 'node:path';
import { namesIn } from '../app/disk.js';
import { expect, test as base } from '../app/fixtures.js';

const LINK_PASSWORD = 'from-the-link';

const test = base.extend({
  hostArgs: async ({ server }, use) => {
    await use([`ftp://${server.user}:${LINK_PASSWORD}@127.0.0.1:${server.port}/docs/`]);
  },
});

test('flow 12: an ftp:// link fills Quickconnect, asks, and connects only when confirmed', async ({
  app,
  server,
  page,
}, testInfo) => {
  await server.writeFile('docs/guide.txt', 'How to use the server.\n');
  await server.writeFile('docs/notes.txt', 'Notes.\n');

  const question = page.getByRole('alertdialog');
  await expect(question).toContainText(
    `Connect to ftp://${server.user}@127.0.0.1:${server.port}/docs?`,
  );
  await expect(question).toContainText('does not use passwords from links');
  await expect(app.quickconnect.host).toHaveValue('127.0.0.1');
  await expect(app.quickconnect.username).toHaveValue(server.user);
  await expect(app.quickconnect.port).toHaveValue(String(server.port));
  await expect(app.quickconnect.password).toHaveValue('');
  // Asked, not connected: no connection attempt in the log, none in the status bar.
  expect(await app.log.text()).not.toMatch(/Connecting to/);
  await expect(app.statusBar.connection).not.toContainText('Connected to');
  await app.attachScreenshot(testInfo, 'flow 12: the link asks');

  // The user types the password (the link's is not theirs to trust) and says yes.
  await app.quickconnect.password.fill(server.password);
  await question.getByRole('button', { name: 'Connect' }).click();
  await expect(question).toBeHidden();
  await app.expectConnected({ host: '127.0.0.1', user: server.user, port: server.port });
  // The folder the link named, listed as it is on disk.
  await expect(app.remotePane.pathField).toHaveValue('/docs');
  expect(await app.remotePane.names()).toEqual(await namesIn(join(server.root, 'docs')));
  expect(await app.log.text()).not.toContain(LINK_PASSWORD);
});
