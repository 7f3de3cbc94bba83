import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBridge, type BridgeTransport } from '../../shared/contract/bridge.js';
import { FakeWebSocket } from './fake-web-socket.js';

// getBridge remembers its choice for the page's lifetime, so each test loads it afresh.
async function loadGetBridge() {
  vi.resetModules();
  return (await import('./select-bridge.js')).getBridge;
}

beforeEach(() => {
  FakeWebSocket.reset();
  vi.stubGlobal('WebSocket', FakeWebSocket);
});
afterEach(() => {
  Reflect.deleteProperty(window, 'portside');
  vi.unstubAllGlobals();
});

describe('getBridge', () => {
  it("returns the Electron preload's object when it is there, and opens no socket", async () => {
    const calls: string[] = [];
    const transport: BridgeTransport = {
      invoke: (channel) => (calls.push(channel), Promise.resolve({ ok: true, value: 'ipc' })),
      send: () => undefined,
      subscribe: () => () => undefined,
    };
    const preload = buildBridge(transport);
    Object.defineProperty(window, 'portside', { value: preload, configurable: true });
    const getBridge = await loadGetBridge();
    expect(getBridge()).toBe(preload);
    expect(await getBridge().invoke['local:home']({})).toEqual({ ok: true, value: 'ipc' });
    expect(calls).toEqual(['local:home']);
    expect(FakeWebSocket.instances).toHaveLength(0);
  });

  it('falls back to the WebSocket bridge to the page origin, created once', async () => {
    const getBridge = await loadGetBridge();
    const bridge = getBridge();
    expect(getBridge()).toBe(bridge);
    expect(FakeWebSocket.instances.map((socket) => socket.url)).toEqual([
      `ws://${location.host}/ws`,
    ]);
    const answer = bridge.invoke['local:home']({});
    const socket = FakeWebSocket.latest();
    socket.open();
    socket.receive({ t: 'result', id: 1, result: { ok: true, value: '/home/web' } });
    expect(await answer).toEqual({ ok: true, value: '/home/web' });
  });

  it('ignores a window.portside that is not a bridge', async () => {
    Object.defineProperty(window, 'portside', { value: 'not a bridge', configurable: true });
    const getBridge = await loadGetBridge();
    expect(typeof getBridge().invoke['local:home']).toBe('function');
    expect(FakeWebSocket.instances).toHaveLength(1);
  });
});
