import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeElectron, type FakeBrowserWindow } from '../test-support/fake-electron.js';

// ftp:// links through the real main process (main.ts → startShell → services) over the
// stand-in 'electron' module: the launch argument, macOS's open-url and a second
// instance's arguments all end up in the window, and only as the contract's payload.
vi.mock('electron', async () =>
  (await import('../test-support/fake-electron.js')).fakeElectron.module(),
);

let userDataDir: string;
let window: FakeBrowserWindow;
const savedArgv = process.argv;
const invoke = (channel: string) => window.webContents.window.ipcRenderer().invoke(channel, {});
const received = (channel: string) =>
  window.webContents.window.received.filter((message) => message.channel === channel);

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'portside-links-'));
  fakeElectron.userDataDir = userDataDir;
  // As Windows starts the app for a clicked link: the link is the last argument.
  process.argv = [...savedArgv, '--', 'ftp://bob:hunter2@files.example.com:2121/pub/'];
  await import('./main.js');
  fakeElectron.becomeReady();
  await vi.waitFor(() => expect(fakeElectron.windows).toHaveLength(1), { timeout: 10_000 });
  window = fakeElectron.windows[0] as FakeBrowserWindow;
});

afterAll(async () => {
  process.argv = savedArgv;
  await rm(userDataDir, { recursive: true, force: true });
});

describe('ftp:// links in the Electron main process', () => {
  it('holds the launch link until the window takes it, without its password', async () => {
    const taken = await invoke('app:take-open-url');
    expect(taken).toEqual({
      ok: true,
      value: {
        scheme: 'ftp',
        host: 'files.example.com',
        port: 2121,
        user: 'bob',
        path: 'pub',
        passwordDropped: true,
      },
    });
    expect(JSON.stringify(taken)).not.toContain('hunter2');
    await expect(invoke('app:take-open-url')).resolves.toEqual({ ok: true, value: null });
  });

  it("pushes macOS's open-url and a second instance's link to the window", () => {
    let prevented = false;
    fakeElectron.app.emit(
      'open-url',
      { preventDefault: () => (prevented = true) },
      'ftps://mac.example/',
    );
    expect(prevented).toBe(true);
    fakeElectron.app.emit(
      'second-instance',
      {},
      ['portside', '--', 'ftp://second.example:21/x'],
      '/',
    );
    expect(received('app:open-url').map((message) => message.args[0])).toEqual([
      {
        scheme: 'ftps',
        host: 'mac.example',
        port: null,
        user: null,
        path: '',
        passwordDropped: false,
      },
      {
        scheme: 'ftp',
        host: 'second.example',
        port: 21,
        user: null,
        path: 'x',
        passwordDropped: false,
      },
    ]);
  });

  it('tells the user about a link it cannot open, and sends no link for it', () => {
    // Notices wait for a loaded window (ipc-adapter's delivery); this one has loaded.
    window.webContents.emit('did-finish-load');
    const before = received('app:open-url').length;
    fakeElectron.app.emit(
      'open-url',
      { preventDefault: () => undefined },
      'ftp://h.example/%0d%0a',
    );
    expect(received('app:open-url')).toHaveLength(before);
    const notices = received('app:notice').map((message) => message.args[0]);
    expect(notices.at(-1)).toMatchObject({
      level: 'warning',
      message: expect.stringMatching(/^Portside cannot open this link: .*line break/),
    });
  });
});
