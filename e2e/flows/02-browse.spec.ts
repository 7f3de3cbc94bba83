// Flow 2: double-click into remote folders and back up with ".."; the path bar follows,
// and each listing is what is on the server's disk at that path.
import { join } from 'node:path';
import { expect, test } from '../app/fixtures.js';
import { namesIn } from '../app/disk.js';

test('flow 2: double-click into a folder and back with ".."; the path bar follows', async ({
  app,
  server,
}, testInfo) => {
  await server.writeFile('top.txt', 'top');
  await server.writeFile('projects/plan.md', '# plan\n');
  await server.writeFile('projects/2024/q1.csv', 'a,b\n1,2\n');
  await server.writeFile('projects/2024/q2.csv', 'a,b\n3,4\n');
  await app.connect(server);
  const remote = app.remotePane;

  await expect(remote.pathField).toHaveValue('/');
  await expect(remote.parentRow, 'the root has no parent').toHaveCount(0);

  await remote.doubleClick('projects');
  await expect(remote.pathField).toHaveValue('/projects');
  await expect(remote.parentRow).toBeVisible();
  await expect.poll(() => remote.names()).toEqual(await namesIn(join(server.root, 'projects')));

  await remote.doubleClick('2024');
  await expect(remote.pathField).toHaveValue('/projects/2024');
  await expect
    .poll(() => remote.names())
    .toEqual(await namesIn(join(server.root, 'projects/2024')));
  await app.attachScreenshot(testInfo, 'flow 2: two levels down');

  await remote.doubleClick('..');
  await expect(remote.pathField).toHaveValue('/projects');
  await expect.poll(() => remote.names()).toEqual(await namesIn(join(server.root, 'projects')));

  await remote.doubleClick('..');
  await expect(remote.pathField).toHaveValue('/');
  await expect(remote.parentRow).toHaveCount(0);
  await expect.poll(() => remote.names()).toEqual(await namesIn(server.root));
});
