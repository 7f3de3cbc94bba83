// Flow 8: downloading over a file that exists asks what to do (the default setting is
// "ask"), and each answer does exactly that to the bytes: Resume appends the rest, Rename
// keeps both, Skip leaves the file alone, Overwrite replaces it.
import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test as base } from '../app/fixtures.js';
import { sha256 } from '../app/disk.js';
import type { FileExistsAction } from '../pages/file-exists-dialog.js';

const SIZE = 256 * 1024;
/** Where an earlier download stopped. */
const RESUME_AT = 100_000;

interface Existing {
  /** The server's file. */
  readonly remote: Buffer;
  /** What the local folder held before the download. */
  readonly local: Buffer;
}

/** Seeds data.bin on the server and in the local folder, connects, downloads, answers. */
const test = base.extend<{
  downloadOver: (existing: Existing, action: FileExistsAction) => Promise<void>;
}>({
  downloadOver: async ({ app, server, localDir }, use, testInfo) => {
    await use(async (existing, action) => {
      await server.writeFile('data.bin', existing.remote);
      await writeFile(join(localDir, 'data.bin'), existing.local);
      await app.localPane.refresh();
      await app.connect(server);
      // Through the context menu this time (double-click is flow 3's way).
      await app.remotePane.contextAction('data.bin', 'Download');
      await expect(app.fileExists.dialog).toBeVisible();
      await expect(app.fileExists.dialog).toContainText('data.bin');
      await app.fileExists.action(action).check();
      await app.attachScreenshot(testInfo, `flow 8: ${action}`);
      await app.fileExists.ok.click();
      await expect(app.fileExists.dialog).toBeHidden();
    });
  },
});

test.describe('flow 8: a download over an existing local file', () => {
  test('Resume appends the rest of the file', async ({ app, localDir, downloadOver }) => {
    const remote = randomBytes(SIZE);
    // A download that stopped part of the way: the same bytes, cut short.
    await downloadOver({ remote, local: remote.subarray(0, RESUME_AT) }, 'Resume');

    await app.queue.show('Successful transfers');
    await expect(app.queue.row('data.bin')).toContainText('Transferred');
    expect(sha256(await readFile(join(localDir, 'data.bin')))).toBe(sha256(remote));
    expect(await readdir(localDir)).toEqual(['data.bin']);
    // Resumed, not downloaded again: the log shows the restart offset.
    expect(await app.log.text()).toContain(`Command: REST ${RESUME_AT}`);
  });

  test('Rename keeps the existing file and downloads under a new name', async ({
    app,
    localDir,
    downloadOver,
  }) => {
    const remote = randomBytes(SIZE);
    const local = Buffer.from('an older, different file\n');
    await downloadOver({ remote, local }, 'Rename');

    // Done first (a download in flight may sit under a temporary name), then the bytes.
    await app.queue.show('Successful transfers');
    await expect(app.queue.row('data.bin')).toContainText('Transferred');
    const names = await readdir(localDir);
    expect(names).toHaveLength(2);
    expect(sha256(await readFile(join(localDir, 'data.bin')))).toBe(sha256(local));
    const renamed = names.find((name) => name !== 'data.bin') ?? '';
    expect(renamed).toMatch(/^data.+\.bin$/);
    expect(sha256(await readFile(join(localDir, renamed)))).toBe(sha256(remote));
    // Queue rows are named by the file transferred (the remote one); the local path is shown.
    await expect(app.queue.row('data.bin')).toContainText(renamed);
    await expect(app.localPane.row(renamed)).toBeVisible();
  });

  test('Skip leaves the existing file as it was', async ({ app, localDir, downloadOver }) => {
    const remote = randomBytes(SIZE);
    const local = Buffer.from('keep me\n');
    await downloadOver({ remote, local }, 'Skip');

    // Skipped items are listed with the finished ones (transfer-store.ts), marked Skipped.
    await app.queue.show('Successful transfers');
    await expect(app.queue.row('data.bin')).toContainText('Skipped');
    await expect(app.queue.queuedTab).toHaveAccessibleDescription('0');
    expect(sha256(await readFile(join(localDir, 'data.bin')))).toBe(sha256(local));
    expect(await readdir(localDir)).toEqual(['data.bin']);
    expect(await app.log.text()).not.toMatch(/Command: RETR .*data\.bin/);
  });

  test('Overwrite replaces the existing file', async ({ app, localDir, downloadOver }) => {
    const remote = randomBytes(SIZE);
    await downloadOver({ remote, local: Buffer.from('old contents\n') }, 'Overwrite');

    await app.queue.show('Successful transfers');
    await expect(app.queue.row('data.bin')).toContainText('Transferred');
    expect(sha256(await readFile(join(localDir, 'data.bin')))).toBe(sha256(remote));
    expect(await readdir(localDir)).toEqual(['data.bin']);
  });
});
