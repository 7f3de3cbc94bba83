import { describe, expect, it } from 'vitest';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  SEND_CHANNELS,
} from '../../shared/contract/channel-names.js';
import type { EventPayload } from '../../shared/contract/channels.js';
import { DEFAULT_SETTINGS } from '../../shared/models/settings.js';
import { createContractBackend } from '../test-support/contract-cases.js';
import { IpcMainStandIn, WindowStandIn } from '../test-support/electron-ipc-stand-ins.js';
import { APP_INDEX_URL } from './app-protocol.js';
import {
  createEventDelivery,
  observeEvent,
  registerIpcHandlers,
  type RefusedMessage,
} from './ipc-adapter.js';
import { TrustedWindows } from './sender-check.js';

/** An app with one trusted window (id 1) and a window it did not create (id 2). */
function shell() {
  const ipcMain = new IpcMainStandIn();
  const backend = createContractBackend();
  const trusted = new TrustedWindows();
  const refused: RefusedMessage[] = [];
  const dispose = registerIpcHandlers(ipcMain, {
    router: backend.router,
    trusted,
    onRefused: (message) => refused.push(message),
  });
  const app = new WindowStandIn(ipcMain, 1, APP_INDEX_URL);
  trusted.add(app.contents);
  const stranger = new WindowStandIn(ipcMain, 2, APP_INDEX_URL);
  return { ipcMain, backend, trusted, refused, dispose, app, stranger };
}

const mkdir = { sessionId: 's1', path: '/new' };
const flush = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the ipcMain adapter', () => {
  it('registers exactly the contract channels, and the disposer removes them all', () => {
    const { ipcMain, dispose } = shell();
    expect(ipcMain.registered().handled.sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(ipcMain.registered().listened.sort()).toEqual([...SEND_CHANNELS].sort());
    dispose();
    expect(ipcMain.registered()).toEqual({ handled: [], listened: [] });
  });

  it('round-trips a valid invoke from the app window through the router', async () => {
    const { app, backend } = shell();
    await expect(app.ipcRenderer().invoke('remote:mkdir', mkdir)).resolves.toEqual({
      ok: true,
      value: null,
    });
    expect(backend.received).toEqual([{ channel: 'remote:mkdir', payload: mkdir }]);
  });
});

describe('security 9.29: IPC from an unknown sender is refused (ipcMain adapter)', () => {
  it('answers an unknown window with forbidden; the handler never runs', async () => {
    const { stranger, backend, refused } = shell();
    const result = await stranger.ipcRenderer().invoke('remote:mkdir', mkdir);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(backend.received).toEqual([]);
    expect(refused).toEqual([
      { channel: 'remote:mkdir', reason: 'untrusted-sender', url: APP_INDEX_URL },
    ]);
  });

  it('refuses a subframe of the app window', async () => {
    const { app, backend } = shell();
    const frame = app.subframe(APP_INDEX_URL);
    const result = await app.ipcRenderer(frame).invoke('settings:get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(backend.received).toEqual([]);
  });

  it('refuses the app window once it shows a foreign page', async () => {
    const { app, backend } = shell();
    app.navigate('https://evil.example/');
    const result = await app.ipcRenderer().invoke('settings:get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(backend.received).toEqual([]);
  });

  it('refuses a window that was destroyed', async () => {
    const { app, backend } = shell();
    const renderer = app.ipcRenderer();
    app.destroy();
    const result = await renderer.invoke('settings:get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(backend.received).toEqual([]);
  });

  it('drops sends from an unknown window or a subframe', async () => {
    const { app, stranger, backend, refused } = shell();
    stranger.ipcRenderer().send('file:start-drag', { paths: ['/etc/shadow'] });
    app.ipcRenderer(app.subframe(APP_INDEX_URL)).send('file:start-drag', { paths: ['/x'] });
    await flush();
    expect(backend.received).toEqual([]);
    expect(refused.map((message) => message.reason)).toEqual([
      'untrusted-sender',
      'untrusted-sender',
    ]);
  });
});

describe('security 9.29: bad payloads are refused', () => {
  it.each([
    ['an extra key', { ...mkdir, extra: 1 }],
    ['a wrong type', { sessionId: 's1', path: 7 }],
    ['an oversized string', { sessionId: 's1', path: `/${'x'.repeat(5000)}` }],
    ['CR/LF in a path', { sessionId: 's1', path: '/a\r\nRMD /' }],
  ])('answers %s with bad-request; the handler never runs', async (_what, payload) => {
    const { app, backend } = shell();
    const result = await app.ipcRenderer().invoke('remote:mkdir', payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(backend.received).toEqual([]);
  });

  it('refuses a call with other than one payload', async () => {
    const { app, backend, refused } = shell();
    await expect(app.ipcRenderer().invoke('settings:get')).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    await expect(app.ipcRenderer().invoke('settings:get', {}, 'more')).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(backend.received).toEqual([]);
    expect(refused.map((message) => message.reason)).toEqual(['bad-arguments', 'bad-arguments']);
  });

  it('drops an invalid send and reports it', async () => {
    const { app, backend, refused } = shell();
    app.ipcRenderer().send('file:start-drag', { paths: 'not a list' });
    await flush();
    expect(backend.received).toEqual([]);
    expect(refused).toEqual([
      { channel: 'file:start-drag', reason: 'invalid-payload', url: APP_INDEX_URL },
    ]);
  });

  it('has no handler for a channel outside the contract', async () => {
    const { app } = shell();
    await expect(app.ipcRenderer().invoke('fs:read', { path: '/etc/passwd' })).rejects.toThrow(
      /No handler registered/,
    );
  });
});

describe('event delivery', () => {
  const notice: EventPayload<'app:notice'> = { level: 'info', message: 'hello' };

  it('reaches the live app windows only', () => {
    const ipcMain = new IpcMainStandIn();
    const trusted = new TrustedWindows();
    const app = new WindowStandIn(ipcMain, 1, APP_INDEX_URL);
    const navigated = new WindowStandIn(ipcMain, 2, APP_INDEX_URL);
    const closed = new WindowStandIn(ipcMain, 3, APP_INDEX_URL);
    const stranger = new WindowStandIn(ipcMain, 4, APP_INDEX_URL);
    for (const window of [app, navigated, closed]) trusted.add(window.contents);
    navigated.navigate('https://evil.example/');
    closed.destroy();
    const delivery = createEventDelivery(trusted);
    delivery.windowLoaded(app.contents);
    delivery.emit('settings:changed', DEFAULT_SETTINGS);
    expect(app.received).toEqual([{ channel: 'settings:changed', args: [DEFAULT_SETTINGS] }]);
    expect(navigated.received).toEqual([]);
    expect(closed.received).toEqual([]);
    expect(stranger.received).toEqual([]);
  });

  it('keeps notices raised before any window loaded, and delivers them once one has', () => {
    const ipcMain = new IpcMainStandIn();
    const trusted = new TrustedWindows();
    const delivery = createEventDelivery(trusted);
    delivery.emit('app:notice', notice);
    const app = new WindowStandIn(ipcMain, 1, APP_INDEX_URL);
    trusted.add(app.contents);
    delivery.emit('app:notice', { level: 'warning', message: 'second' });
    expect(app.received).toEqual([]);
    delivery.windowLoaded(app.contents);
    expect(app.received.map((message) => message.args)).toEqual([
      [notice],
      [{ level: 'warning', message: 'second' }],
    ]);
    delivery.emit('app:notice', notice);
    expect(app.received).toHaveLength(3);
  });

  it('ignores a channel outside the contract', () => {
    const ipcMain = new IpcMainStandIn();
    const trusted = new TrustedWindows();
    const app = new WindowStandIn(ipcMain, 1, APP_INDEX_URL);
    trusted.add(app.contents);
    const delivery = createEventDelivery(trusted);
    delivery.windowLoaded(app.contents);
    (delivery.emit as (channel: string, payload: unknown) => void)('debug:eval', 'alert(1)');
    expect(app.received).toEqual([]);
    expect(EVENT_CHANNELS).not.toContain('debug:eval');
  });

  it('lets the shell watch one event while passing every event on', () => {
    const seen: unknown[] = [];
    const passed: string[] = [];
    const sink = observeEvent(
      (channel) => passed.push(channel),
      'settings:changed',
      (settings) => seen.push(settings.forcePassive),
    );
    sink('app:notice', notice);
    sink('settings:changed', { ...DEFAULT_SETTINGS, forcePassive: false });
    expect(seen).toEqual([false]);
    expect(passed).toEqual(['app:notice', 'settings:changed']);
  });
});
