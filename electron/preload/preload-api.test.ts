import { describe, expect, it, vi } from 'vitest';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  SEND_CHANNELS,
} from '../../shared/contract/channel-names.js';
import { IpcMainStandIn, WindowStandIn } from '../test-support/electron-ipc-stand-ins.js';
import { buildPreloadApi, createIpcTransport, type IpcRendererLike } from './preload-api.js';

function recordingIpc() {
  const listeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
  const ipc = {
    invoke: vi.fn<IpcRendererLike['invoke']>(() => Promise.resolve({ ok: true, value: null })),
    send: vi.fn<IpcRendererLike['send']>(),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    }),
    removeListener: vi.fn(
      (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        listeners.set(
          channel,
          (listeners.get(channel) ?? []).filter((entry) => entry !== listener),
        );
      },
    ),
  };
  const emit = (channel: string, ...args: unknown[]) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: ipc }, ...args);
  };
  return { ipc, emit, listeners };
}

describe('security 9.27: window.portside has exactly the listed functions', () => {
  const { ipc } = recordingIpc();
  const api = buildPreloadApi(ipc, () => '/home/user/file.txt');

  it('exposes invoke, send, on and desktop, nothing else (never ipcRenderer)', () => {
    expect(Object.keys(api).sort()).toEqual(['desktop', 'invoke', 'on', 'send']);
    expect(Object.keys(api.invoke).sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(Object.keys(api.send).sort()).toEqual([...SEND_CHANNELS].sort());
    expect(Object.keys(api.on).sort()).toEqual([...EVENT_CHANNELS].sort());
    expect(Object.keys(api.desktop)).toEqual(['getPathForFile']);
    const values = [api.invoke, api.send, api.on, api.desktop].flatMap((part) =>
      Object.values(part),
    );
    expect(values.every((value) => typeof value === 'function')).toBe(true);
    expect(values).not.toContain(ipc);
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc/i);
  });

  it('cannot be changed by the page', () => {
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.invoke)).toBe(true);
    expect(Object.isFrozen(api.desktop)).toBe(true);
  });
});

describe('the ipcRenderer transport', () => {
  it('hands listeners the payload only, never the IpcRendererEvent', () => {
    const { ipc, emit } = recordingIpc();
    const api = buildPreloadApi(ipc, () => '');
    const calls: unknown[][] = [];
    api.on['app:notice']((...args: unknown[]) => calls.push(args));
    emit('app:notice', { level: 'info', message: 'hi' }, 'extra argument');
    expect(calls).toEqual([[{ level: 'info', message: 'hi' }]]);
  });

  it('unsubscribes exactly the listener it added, once', () => {
    const { ipc, listeners } = recordingIpc();
    const api = buildPreloadApi(ipc, () => '');
    const stop = api.on['session:log'](() => undefined);
    api.on['session:log'](() => undefined);
    stop();
    stop();
    expect(ipc.removeListener).toHaveBeenCalledTimes(1);
    expect(listeners.get('session:log')).toHaveLength(1);
  });

  it('keeps delivering to other listeners when one throws', () => {
    vi.useFakeTimers();
    try {
      const { ipc, emit } = recordingIpc();
      const api = buildPreloadApi(ipc, () => '');
      const got: unknown[] = [];
      api.on['app:notice'](() => {
        throw new Error('listener bug');
      });
      api.on['app:notice']((payload) => got.push(payload));
      emit('app:notice', { level: 'info', message: 'x' });
      expect(got).toHaveLength(1);
      // The error is rethrown on its own task, so it still reaches the console.
      expect(() => vi.runAllTimers()).toThrow('listener bug');
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends each call with exactly one payload argument', async () => {
    const { ipc } = recordingIpc();
    const api = buildPreloadApi(ipc, () => '');
    await api.invoke['local:home']({});
    api.send['file:start-drag']({ paths: ['/a'] });
    expect(ipc.invoke).toHaveBeenCalledWith('local:home', {});
    expect(ipc.send).toHaveBeenCalledWith('file:start-drag', { paths: ['/a'] });
  });

  it('reaches no channel outside the contract, whatever it is asked', async () => {
    const { ipc } = recordingIpc();
    const transport = createIpcTransport(ipc);
    const invoke = transport.invoke as (channel: string, request: unknown) => Promise<unknown>;
    const send = transport.send as (channel: string, payload: unknown) => void;
    const subscribe = transport.subscribe as (channel: string, l: () => void) => () => void;
    await expect(invoke('fs:read', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    send('shell:exec', {});
    subscribe('anything', () => undefined)();
    expect(ipc.invoke).not.toHaveBeenCalled();
    expect(ipc.send).not.toHaveBeenCalled();
    expect(ipc.on).not.toHaveBeenCalled();
  });

  it('turns a rejected invoke into an error as data', async () => {
    const { ipc } = recordingIpc();
    ipc.invoke.mockImplementation(() =>
      Promise.reject(new Error("No handler registered for 'settings:get'")),
    );
    const api = buildPreloadApi(ipc, () => '');
    await expect(api.invoke['settings:get']({})).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: "No handler registered for 'settings:get'" },
    });
  });

  it('works over the IPC stand-ins: the payload arrives cloned, the event stripped', async () => {
    const window = new WindowStandIn(new IpcMainStandIn(), 1, 'app://portside/index.html');
    const api = buildPreloadApi(window.ipcRenderer(), () => '');
    const got: unknown[][] = [];
    api.on['app:notice']((...args: unknown[]) => got.push(args));
    const payload = { level: 'info', message: 'cloned' };
    window.contents.send('app:notice', payload);
    await vi.waitFor(() => expect(got).toHaveLength(1));
    expect(got[0]).toEqual([payload]);
    expect(got[0]?.[0]).not.toBe(payload);
  });
});

describe('dropped desktop files', () => {
  it('gives the OS path of a file', () => {
    const file = { name: 'report.pdf' };
    const getPath = vi.fn(() => '/home/user/report.pdf');
    const api = buildPreloadApi(recordingIpc().ipc, getPath);
    expect(api.desktop.getPathForFile(file)).toBe('/home/user/report.pdf');
    expect(getPath).toHaveBeenCalledWith(file);
  });

  it('gives no path for something that is not a file', () => {
    const api = buildPreloadApi(recordingIpc().ipc, () => {
      throw new TypeError('Expected a File');
    });
    expect(api.desktop.getPathForFile({})).toBe('');
  });
});
