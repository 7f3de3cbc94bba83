// Flow 6: a server whose passive ports are blocked (the scripted fake server names a port
// nobody listens on in its PASV/EPSV replies: real servers will not do that on demand).
// The user must be told what happened, and with "fall back to the other mode" on (the
// default) the listing and transfers go through in active mode.
import { join } from 'node:path';
import {
  startFakeFtpServer,
  type FakeFtpServer,
} from '../../electron/test-support/fake-ftp-server.js';
import { expect, test as base } from '../app/fixtures.js';
import { sha256, sha256File } from '../app/disk.js';

const README = 'Passive ports are closed on this server.\n';

const test = base.extend<{ blocked: FakeFtpServer }>({
  blocked: async ({}, use) => {
    const server = await startFakeFtpServer({
      passiveDataPort: 'closed',
      files: { '/readme.txt': README, '/pub/notes.txt': 'notes\n' },
    });
    await use(server);
    await server.close();
  },
});

const login = (server: FakeFtpServer) => ({
  host: server.host,
  port: server.port,
  user: 'alice',
  password: 'secret',
});

test('flow 6: passive refused, fallback on: the log says why and active mode lists and downloads', async ({
  app,
  blocked,
  localDir,
}, testInfo) => {
  await app.connect(login(blocked));

  await expect(app.remotePane.row('readme.txt')).toBeVisible();
  await expect(app.remotePane.row('pub')).toBeVisible();
  const log = await app.log.text();
  expect(log).toMatch(
    /Status: Passive mode failed: .*(refused|ECONNREFUSED).*\. Falling back to active mode\./i,
  );
  // What the server received: a passive request, then an active one, then the listing.
  const commands = blocked.commands.map((line) => line.split(' ')[0]);
  const passive = commands.findIndex((verb) => verb === 'EPSV' || verb === 'PASV');
  const active = commands.findIndex((verb) => verb === 'EPRT' || verb === 'PORT');
  expect(passive).toBeGreaterThanOrEqual(0);
  expect(active).toBeGreaterThan(passive);
  expect(commands.slice(active)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^(LIST|MLSD)$/)]),
  );
  await app.attachScreenshot(testInfo, 'flow 6: listed after falling back');

  await app.remotePane.doubleClick('readme.txt');
  await app.queue.show('Successful transfers');
  await expect(app.queue.row('readme.txt')).toBeVisible();
  expect(await sha256File(join(localDir, 'readme.txt'))).toBe(sha256(README));
});

test('flow 6: passive refused, fallback off: the remote pane says the data connection was refused', async ({
  app,
  blocked,
}, testInfo) => {
  await app.settings.setCheckbox('fallback', false);
  await app.quickconnect.connect(login(blocked));

  // Logged in, but the listing cannot come: the pane says so in words, where the user looks.
  await expect(app.remotePane.alert).toBeVisible();
  await expect(app.remotePane.alert).toContainText(/refused|ECONNREFUSED/i);
  await expect(app.remotePane.alert).toContainText(/passive|data connection/i);
  await app.attachScreenshot(testInfo, 'flow 6: no fallback');
  expect(blocked.commands.some((line) => /^(EPRT|PORT) /.test(line))).toBe(false);
});

test('flow 6: after falling back, the status bar says the connection uses active mode', async ({
  app,
  blocked,
}, testInfo) => {
  await app.connect(login(blocked));
  await expect(app.remotePane.row('readme.txt')).toBeVisible();
  await app.attachScreenshot(testInfo, 'flow 6: status bar after the fallback');
  // The setting is still Passive; the connection in use is not (status-bar.tsx says so
  // when session.dataMode differs from the setting).
  await expect(app.statusBar.connectionMode).toHaveAccessibleName(
    /^Connection mode: Passive \(this connection uses Active\)/,
  );
});
