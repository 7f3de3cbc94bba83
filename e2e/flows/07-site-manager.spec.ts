// Flow 7: Site Manager. Create a site with a password, connect from it, restart the host
// on the same user-data folder, connect again without typing the password. The password
// lives in the OS keyring (the browser host's secret store: secret-tool + a Secret
// Service), never in the files Portside writes, and is never sent back to the page.
//
// The host runs on a private D-Bus session with an unlocked GNOME Keyring (see
// app/session-keyring.ts); the keyring outlives the host's restart, as a desktop's does.
import { expect, test as base } from '../app/fixtures.js';
import { filesContaining } from '../app/disk.js';
import { PortsideWindow } from '../pages/portside-window.js';

const test = base.extend({
  hostEnv: async ({ keyring }, use) => {
    await use(keyring.env);
  },
});

test('flow 7: a saved site connects again after a restart without retyping its password', async ({
  app,
  host,
  keyring,
  server,
  localDir,
  userDataDir,
}, testInfo) => {
  await server.writeFile('from-site.txt', 'reached through a saved site\n');
  const site = {
    name: 'E2E vsftpd',
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
  };

  await app.siteManager.openButton.click();
  await app.siteManager.create(site);
  await app.attachScreenshot(testInfo, 'flow 7: new site');
  await app.siteManager.connect.click();
  await expect(app.siteManager.dialog).toBeHidden();
  await app.expectConnected(server);
  await expect(app.remotePane.row('from-site.txt')).toBeVisible();

  // Saved: in the keyring, and in no file under the user-data folder, in any encoding.
  expect(await filesContaining(userDataDir, server.password)).toEqual([]);
  expect(await keyring.portsideItems()).toContain(server.password);

  // Restart the host on the same folder; the page opens the new address.
  const again = new PortsideWindow(await host.restart());
  await again.ready(localDir);
  await again.siteManager.openButton.click();
  await again.siteManager.site(site.name).click();
  // The form knows a password is saved but does not hold it.
  await expect(again.siteManager.password).toHaveValue('');
  await expect(again.siteManager.password).toHaveAttribute('placeholder', 'saved');
  await again.attachScreenshot(testInfo, 'flow 7: the site after the restart');
  await again.siteManager.connect.click();

  await expect(again.siteManager.dialog).toBeHidden();
  await expect(again.siteManager.passwordPrompt, 'no password asked').toBeHidden();
  await again.expectConnected(server);
  await expect(again.remotePane.row('from-site.txt')).toBeVisible();
  await expect(again.statusBar.connection).toContainText(`${server.user}@127.0.0.1`);
  // The page never had the password, not even after using it.
  expect(await again.page.content()).not.toContain(server.password);
  expect(await filesContaining(userDataDir, server.password)).toEqual([]);
  await again.attachScreenshot(testInfo, 'flow 7: connected from the saved site');
});
