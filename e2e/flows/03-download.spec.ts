// Flow 3: double-click a remote file: it is downloaded into the local pane's folder, the
// bytes are the server's, and the queue's Successful transfers tab lists it.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { expect, test } from '../app/fixtures.js';
import { sha256File } from '../app/disk.js';

test('flow 3: double-clicking a remote file downloads it into the local folder', async ({
  app,
  server,
  localDir,
}, testInfo) => {
  // Big enough to take more than one data packet, small enough to stay quick.
  await server.writeFile('report.bin', randomBytes(300_000));
  const expected = await sha256File(join(server.root, 'report.bin'));
  await app.connect(server);

  await app.remotePane.doubleClick('report.bin');

  await app.queue.show('Successful transfers');
  await expect(app.queue.row('report.bin')).toBeVisible();
  await expect(app.queue.row('report.bin')).toContainText('Transferred');
  // The local pane refreshes by itself once the file has arrived.
  await expect(app.localPane.row('report.bin')).toBeVisible();
  expect(await sha256File(join(localDir, 'report.bin'))).toBe(expected);
  await expect(app.queue.failedTab).toHaveAccessibleDescription('0');
  await app.attachScreenshot(testInfo, 'flow 3: downloaded');
});
