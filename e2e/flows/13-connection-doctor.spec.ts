// Flow 13: the connection doctor (issue 10), in Chromium against a real vsftpd. A user
// mistypes the password; the error next to the bar offers "Diagnose connection"; the
// doctor says in words that the password (or user) is wrong, shows its log with the
// password masked, and recommends nothing it could not verify. Then, with the right
// password, the same dialog from the quickconnect dropdown finds that everything works.
import type { Page } from '@playwright/test';
import { expect, test } from '../app/fixtures.js';

const WRONG_PASSWORD = 'not-the-password';

const doctorDialog = (page: Page) => page.getByRole('dialog', { name: 'Diagnose connection' });

test('flow 13: a wrong password is diagnosed in words; the right one is found to work', async ({
  app,
  server,
  page,
}, testInfo) => {
  await app.quickconnect.connect({ ...server, host: '127.0.0.1', password: WRONG_PASSWORD });
  await expect(app.quickconnect.alert).toBeVisible();
  await app.quickconnect.alert.getByRole('button', { name: 'Diagnose connection' }).click();

  const dialog = doctorDialog(page);
  const report = dialog.getByRole('region', { name: 'Report' });
  await expect(report).toContainText('The server cannot be used', { timeout: 30_000 });
  await expect(report.getByRole('list', { name: 'Likely causes' })).toContainText(
    'Wrong password, or a user name the server does not know',
  );
  // No settings to apply: the doctor never got past the login.
  await expect(dialog.getByRole('button', { name: 'Apply recommended settings' })).toBeDisabled();
  const log = dialog.getByLabel('Diagnosis log');
  await dialog.getByText(/^Log \(\d+ lines\)$/).click();
  await expect(log).toContainText(`Command: USER ${server.user}`);
  await expect(log).toContainText('Command: PASS ********');
  await expect(log).not.toContainText(WRONG_PASSWORD);
  await app.attachScreenshot(testInfo, 'flow 13: wrong password diagnosed');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // The right password, diagnosed from the dropdown before connecting.
  await app.quickconnect.password.fill(server.password);
  await app.quickconnect.form.getByRole('button', { name: 'Recent connections' }).click();
  await page.getByRole('menuitem', { name: 'Diagnose connection…' }).click();
  // This vsftpd offers no TLS (like the article's server): usable, in clear.
  await expect(report).toContainText(/Everything works|can be used with the recommended settings/, {
    timeout: 60_000,
  });
  await expect(report).not.toContainText('cannot be used');
  await expect(dialog.getByRole('button', { name: 'Apply recommended settings' })).toBeEnabled();
  await app.attachScreenshot(testInfo, 'flow 13: everything works');
});
