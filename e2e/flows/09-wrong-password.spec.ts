// Flow 9: a wrong password. The user is told so next to the connection (an alert by the
// quickconnect bar, not only a log line), the password appears nowhere, and the window
// keeps working: the corrected login connects and lists, and the alert goes away.
import { expect, test } from '../app/fixtures.js';
import { namesIn } from '../app/disk.js';

test('flow 9, security 9.26: a wrong password is explained next to the connection and nothing else breaks', async ({
  app,
  server,
}, testInfo) => {
  await server.writeFile('after-retry.txt', 'you got in\n');
  const wrong = `${server.password}-wrong`;

  // vsftpd (and Pure-FTPd) wait about 3 s before refusing a login: on purpose, and slow here.
  await app.quickconnect.connect({ ...server, password: wrong });

  await expect(app.quickconnect.alert).toBeVisible();
  await expect(app.quickconnect.alert).toContainText('Wrong user name or password');
  await expect(app.quickconnect.alert).toContainText(/530|login/i);
  await expect(app.statusBar.connection).toContainText('Could not connect');
  await expect(app.remotePane.region).toContainText('Not connected');
  await app.attachScreenshot(testInfo, 'flow 9: wrong password');
  const log = await app.log.text();
  expect(log).toMatch(/Response: 530 /);
  expect(log).not.toContain(wrong);
  expect(await app.page.getByRole('banner').getByRole('alert').textContent()).not.toContain(wrong);

  // The local pane still browses.
  await expect(app.localPane.grid).toBeVisible();
  await app.localPane.refresh();

  // Correct it and connect again: the alert goes, the listing comes.
  await app.quickconnect.password.fill(server.password);
  await app.quickconnect.connectButton.click();
  await app.expectConnected(server);
  await expect(app.quickconnect.alert).toBeHidden();
  expect(await app.remotePane.names()).toEqual(await namesIn(server.root));
  await app.attachScreenshot(testInfo, 'flow 9: connected after correcting it');
});
