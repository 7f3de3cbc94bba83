// Flow 1: Quickconnect with Host/Username/Password/Port. The log must read like the
// reference article's (reference/000_9d07f17cb7a7f16e.txt), and the remote pane must list
// what is really in the server's folder.
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../app/fixtures.js';
import { namesIn, sha256File } from '../app/disk.js';
import { firstUnmatched, type LogPattern } from '../pages/message-log.js';

test('flow 1: quickconnect logs the reference conversation and lists the server folder', async ({
  app,
  server,
}, testInfo) => {
  await server.writeFile('readme.txt', 'Welcome to the test server.\n');
  await server.writeFile('data/numbers.bin', randomBytes(5000));
  await server.mkdir('empty folder');
  const readmeHash = await sha256File(join(server.root, 'readme.txt'));

  await app.connect(server);

  // The reference sequence, in order (other lines such as OPTS UTF8 may come in between).
  const port = String(server.port);
  const conversation: LogPattern[] = [
    { kind: 'Status', text: new RegExp(`^Connecting to 127\\.0\\.0\\.1:${port}`) },
    { kind: 'Response', text: /^220[ -]/ },
    { kind: 'Command', text: new RegExp(`^USER ${server.user}$`) },
    { kind: 'Response', text: /^331 / },
    { kind: 'Command', text: /^PASS \*+$/ },
    { kind: 'Response', text: /^230 / },
    { kind: 'Command', text: /^SYST$/ },
    { kind: 'Command', text: /^FEAT$/ },
    { kind: 'Command', text: /^PWD$/ },
    { kind: 'Command', text: /^TYPE I$/ },
    { kind: 'Command', text: /^(PASV|EPSV)$/ },
    { kind: 'Command', text: /^(LIST|MLSD)\b/ },
    { kind: 'Response', text: /^226[ -]/ },
    { kind: 'Status', text: /^Directory listing successful/ },
  ];
  await expect
    .poll(async () => firstUnmatched(await app.log.lines(), conversation), {
      message: 'first step of the reference conversation missing from the log',
    })
    .toBeNull();
  const logText = await app.log.text();
  expect(logText, 'the password never appears in the log').not.toContain(server.password);

  // The remote pane shows exactly what is in the server's folder on disk.
  await expect(app.remotePane.pathField).toHaveValue('/');
  expect(await app.remotePane.names()).toEqual(await namesIn(server.root));
  // The size column says what the file on disk weighs (the config pins the en-US locale).
  const readmeSize = (await stat(join(server.root, 'readme.txt'))).size;
  await expect(
    app.remotePane
      .row('readme.txt')
      .getByRole('gridcell', { name: String(readmeSize), exact: true }),
  ).toBeVisible();
  await expect(
    app.remotePane.row('empty folder').getByRole('gridcell', { name: 'File folder', exact: true }),
  ).toBeVisible();
  await app.attachScreenshot(testInfo, 'flow 1: connected');

  // Connecting and listing changed nothing on the server.
  expect(await sha256File(join(server.root, 'readme.txt'))).toBe(readmeHash);
});
