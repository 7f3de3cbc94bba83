// Flow 4: drag and drop. A local row dropped on the remote pane is uploaded; a remote
// folder dropped on the local pane arrives with its whole tree; a file dropped from the
// desktop onto the remote pane is uploaded (in the browser host its bytes go through
// POST /api/drop to the host's staging folder first).
import { randomBytes } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../app/fixtures.js';
import { hashTree, sha256, sha256File } from '../app/disk.js';

test.describe('flow 4: drag and drop', () => {
  test('a local file dragged onto the remote pane is uploaded', async ({
    app,
    server,
    localDir,
  }, testInfo) => {
    await writeFile(join(localDir, 'upload-me.bin'), randomBytes(200_000));
    const expected = await sha256File(join(localDir, 'upload-me.bin'));
    await app.localPane.refresh();
    await app.connect(server);

    await app.localPane.dragTo('upload-me.bin', app.remotePane);

    await expect(app.remotePane.row('upload-me.bin')).toBeVisible();
    await app.queue.show('Successful transfers');
    await expect(app.queue.row('upload-me.bin')).toBeVisible();
    expect(await sha256File(join(server.root, 'upload-me.bin'))).toBe(expected);
    await app.attachScreenshot(testInfo, 'flow 4: uploaded by drag');
  });

  test('a remote folder dragged onto the local pane arrives with its files intact', async ({
    app,
    server,
    localDir,
  }, testInfo) => {
    await server.writeFile('site/index.html', '<h1>hi</h1>\n');
    await server.writeFile('site/css/main.css', 'body { margin: 0 }\n');
    await server.writeFile('site/img/logo.bin', randomBytes(40_000));
    await server.writeFile('site/img/icons/a.bin', randomBytes(3_000));
    await app.connect(server);

    await app.remotePane.dragTo('site', app.localPane);

    await expect(app.localPane.row('site')).toBeVisible();
    await app.queue.show('Successful transfers');
    for (const name of ['index.html', 'main.css', 'logo.bin', 'a.bin']) {
      await expect(app.queue.row(name)).toBeVisible();
    }
    expect([...(await hashTree(join(localDir, 'site')))]).toEqual([
      ...(await hashTree(join(server.root, 'site'))),
    ]);
    await app.attachScreenshot(testInfo, 'flow 4: folder downloaded by drag');
  });

  test('a remote folder dragged onto the local pane keeps its empty folders', async ({
    app,
    server,
    localDir,
  }, testInfo) => {
    // An empty folder is part of the tree as much as a file is (FileZilla recreates it).
    await server.writeFile('site/index.html', '<h1>hi</h1>\n');
    await server.mkdir('site/uploads');
    await server.mkdir('site/cache/tmp');
    await app.connect(server);

    await app.remotePane.dragTo('site', app.localPane);

    await app.queue.show('Successful transfers');
    await expect(app.queue.row('index.html')).toBeVisible();
    await app.localPane.doubleClick('site');
    await app.attachScreenshot(testInfo, 'flow 4: folder with empty folders downloaded');
    await expect(app.localPane.row('uploads')).toBeVisible();
    expect(await foldersIn(join(localDir, 'site'))).toEqual(
      await foldersIn(join(server.root, 'site')),
    );
  });

  test('a file dropped from the desktop onto the remote pane is uploaded', async ({
    app,
    server,
    appKind,
  }, testInfo) => {
    // A synthetic File has no path on disk: the Electron preload (webUtils.getPathForFile)
    // rightly ignores it, and Playwright cannot drag from the OS's file manager.
    test.skip(appKind === 'electron', 'a desktop drop cannot be synthesised for Electron');
    await app.connect(server);
    const bytes = randomBytes(150_000);

    // What the browser hands the page when a file comes from the desktop: a drop event
    // whose DataTransfer holds a File (type "Files"), after dragenter/dragover.
    const dataTransfer = await app.page.evaluateHandle((base64) => {
      const binary = atob(base64);
      const data = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i += 1) data[i] = binary.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(
        new File([data], 'from-desktop.bin', { type: 'application/octet-stream' }),
      );
      return transfer;
    }, bytes.toString('base64'));
    const dropRequest = app.page.waitForRequest(
      (request) => request.method() === 'POST' && new URL(request.url()).pathname === '/api/drop',
    );
    for (const type of ['dragenter', 'dragover', 'drop']) {
      await app.remotePane.grid.dispatchEvent(type, { dataTransfer });
    }
    const request = await dropRequest;
    expect(new URL(request.url()).searchParams.get('name')).toBe('from-desktop.bin');

    await expect(app.remotePane.row('from-desktop.bin')).toBeVisible();
    await app.queue.show('Successful transfers');
    await expect(app.queue.row('from-desktop.bin')).toBeVisible();
    expect(await sha256File(join(server.root, 'from-desktop.bin'))).toBe(sha256(bytes));
    await app.attachScreenshot(testInfo, 'flow 4: desktop file uploaded');
  });
});

/** Every folder below `root`, relative, sorted. */
async function foldersIn(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}
