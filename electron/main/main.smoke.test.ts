import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_INDEX_URL } from '../shell-policy/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../shell-policy/csp.js';
import type { MenuItemTemplate } from '../shell-policy/menu-template.js';
import { openWindow, type PortsideWindowOptions } from '../shell-policy/window-options.js';
import { fakeElectron, type FakeBrowserWindow } from '../test-support/fake-electron.js';

// The real main process (main.ts → startShell → the real services) over a stand-in
// 'electron' module. What this checks is our wiring; what it cannot check is Electron
// itself (Chromium's sandbox, CSP enforcement, real IPC), which needs the runtime.
vi.mock('electron', async () =>
  (await import('../test-support/fake-electron.js')).fakeElectron.module(),
);

type Listener = (...args: unknown[]) => unknown;
let userDataDir: string;
let window: FakeBrowserWindow;

const handler = (name: string) => {
  const found = fakeElectron.sessionHandlers.get(name);
  if (found === undefined) throw new Error(`no ${name} handler`);
  return found as unknown as Listener;
};
const latestMenu = () =>
  (fakeElectron.menus.at(-1) as { template: MenuItemTemplate[] }).template.flatMap(
    (section) => section.submenu ?? [],
  );
const received = (channel: string) =>
  window.webContents.window.received.filter((message) => message.channel === channel);

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'portside-shell-'));
  fakeElectron.userDataDir = userDataDir;
  await import('./main.js');
});

afterAll(async () => {
  await rm(userDataDir, { recursive: true, force: true });
});

describe('the Electron main process, wired over a stand-in electron module', () => {
  it('sandboxes renderers and registers app:// before the app is ready', async () => {
    expect(fakeElectron.windows).toEqual([]);
    fakeElectron.becomeReady();
    await vi.waitFor(() => expect(fakeElectron.windows).toHaveLength(1), { timeout: 10_000 });
    window = fakeElectron.windows[0] as FakeBrowserWindow;
    const ready = fakeElectron.calls.indexOf('ready');
    expect(fakeElectron.calls.indexOf('enableSandbox')).toBeLessThan(ready);
    const registered = fakeElectron.calls.find((call) => call.startsWith('registerSchemes'));
    expect(fakeElectron.calls.indexOf(registered ?? '')).toBeLessThan(ready);
    expect(registered).toContain('"scheme":"app"');
    expect(registered).not.toContain('bypassCSP');
  });

  it('security 9.27: opens one window with the baseline options, on the app page, shown when painted', () => {
    const options = window.options as PortsideWindowOptions;
    // The baseline itself is pinned in window-options.test.ts; here: the shell really uses it.
    const baseline = openWindow(
      class {
        constructor(readonly options: PortsideWindowOptions) {}
      },
      { preloadPath: options.webPreferences.preload, devTools: true, dark: false },
    ).options;
    expect(options.webPreferences).toStrictEqual(baseline.webPreferences);
    expect(options.webPreferences.preload).toMatch(/preload\.cjs$/);
    expect(options.show).toBe(false);
    expect(window.loadedUrl).toBe(APP_INDEX_URL);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('security 9.28 + 9.30: refuses navigation and new windows; opens only https links, in the browser', () => {
    const navigate = (url: string) => {
      const event = { url, preventDefault: vi.fn() };
      window.webContents.emit('will-navigate', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate(APP_INDEX_URL)).toBe(false);
    const open = window.webContents.windowOpenHandler as unknown as Listener;
    expect(open({ url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fakeElectron.externalUrls).toEqual(['https://example.com/docs']);
  });

  it('gives a window it did not create the same guards, and no openExternal', () => {
    const Window = fakeElectron.BrowserWindow as new (options: unknown) => FakeBrowserWindow;
    const other = new Window({});
    const open = other.webContents.windowOpenHandler as unknown as Listener;
    expect(open({ url: 'https://example.com/other' })).toEqual({ action: 'deny' });
    expect(fakeElectron.externalUrls).not.toContain('https://example.com/other');
    expect(other.webContents.listenerCount('will-navigate')).toBe(1);
  });

  it('security 9.29: answers the app window through the real services, and refuses another window', async () => {
    await expect(
      window.webContents.window.ipcRenderer().invoke('settings:get', {}),
    ).resolves.toMatchObject({ ok: true, value: { forcePassive: true } });
    const Window = fakeElectron.BrowserWindow as new (options: unknown) => FakeBrowserWindow;
    const stranger = new Window({});
    await stranger.loadURL(APP_INDEX_URL);
    await expect(
      stranger.webContents.window.ipcRenderer().invoke('settings:get', {}),
    ).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('security 9.28: denies permissions, cancels remote requests and adds the CSP', () => {
    const callback = vi.fn();
    handler('permissionRequest')(window.webContents, 'media', callback, {
      requestingUrl: APP_INDEX_URL,
    });
    expect(callback).toHaveBeenCalledWith(false);
    const check = handler('permissionCheck');
    expect(check(window.webContents, 'clipboard-read', 'app://portside')).toBe(false);
    // Copy in the log, the panes and the doctor: writing only, and only for the app's page.
    expect(check(window.webContents, 'clipboard-sanitized-write', 'app://portside')).toBe(true);
    expect(check(window.webContents, 'clipboard-sanitized-write', 'https://evil.test')).toBe(false);
    handler('beforeRequest')({ url: 'https://cdn.example.com/x.js' }, callback);
    expect(callback).toHaveBeenLastCalledWith({ cancel: true });
    handler('beforeRequest')({ url: 'app://portside/assets/x.js' }, callback);
    expect(callback).toHaveBeenLastCalledWith({ cancel: false });
    handler('headersReceived')({ responseHeaders: { 'content-type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenLastCalledWith({
      responseHeaders: {
        'content-type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });

  it('serves app:// only for reading, and nothing outside the renderer folder', async () => {
    const serve = handler('protocol:app') as (request: Request) => Promise<Response>;
    expect(
      (await serve(new Request('app://portside/', { method: 'POST', body: 'x' }))).status,
    ).toBe(405);
    expect((await serve(new Request('app://portside/..%2f..%2fpackage.json'))).status).toBe(404);
    expect((await serve(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });

  it('keeps the Force Passive mode checkbox and the setting in step', async () => {
    window.webContents.emit('did-finish-load');
    const checkbox = () => latestMenu().find((item) => item.label === 'Force Passive mode');
    expect(checkbox()).toMatchObject({ type: 'checkbox', checked: true });
    checkbox()?.click?.();
    await vi.waitFor(() => expect(checkbox()).toMatchObject({ checked: false }));
    expect(received('settings:changed').at(-1)?.args[0]).toMatchObject({ forcePassive: false });
    const saved = JSON.parse(await readFile(join(userDataDir, 'settings.json'), 'utf8'));
    expect(saved.settings.forcePassive).toBe(false);
  });

  it('sends UI menu commands to the renderer as app:menu-command', () => {
    latestMenu()
      .find((item) => item.label === 'Refresh')
      ?.click?.();
    expect(received('app:menu-command')).toEqual([
      { channel: 'app:menu-command', args: [{ command: 'refresh' }] },
    ]);
  });

  it('focuses the window when the app is launched again', () => {
    window.focused = false;
    // As Electron does: the event, the second instance's argv and its working directory.
    fakeElectron.app.emit('second-instance', {}, ['portside'], '/');
    expect(window.focused).toBe(true);
  });

  it('saves the window position, and holds the quit until the services are closed', async () => {
    window.emit('close');
    const event = { preventDefault: vi.fn() };
    fakeElectron.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fakeElectron.calls).toContain('quit'), { timeout: 10_000 });
    const state = JSON.parse(await readFile(join(userDataDir, 'window-state.json'), 'utf8'));
    expect(state).toEqual({
      version: 1,
      bounds: { x: 40, y: 30, width: 1100, height: 750 },
      maximized: false,
    });
  });
});
