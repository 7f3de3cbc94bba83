import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket as WsWebSocket, type ClientOptions } from 'ws';
import { buildBridge, type PortsideBridge } from '../../shared/contract/bridge.js';
import {
  WebSocketTransport,
  type TransportStatus,
} from '../../renderer/bridge/websocket-transport.js';
import { signIn, startTestHost, until, type TestHost } from './test-clients.js';

/**
 * The renderer's real bridge (buildBridge over WebSocketTransport) against the real host.
 * Node 20 has no global WebSocket (it arrived unflagged in Node 22), so the `ws` client
 * stands in for the browser's: a subclass that adds what a browser adds by itself, the
 * page's Origin and the host's cookie.
 */

let test: TestHost;
let release: (() => void) | undefined;
const sockets: WsWebSocket[] = [];
const transports: WebSocketTransport[] = [];

beforeAll(async () => {
  test = await startTestHost({
    handlers: {
      // Answers only when the test says so: an invoke that is in flight when the line drops.
      'local:drives': () =>
        new Promise((resolve) => {
          release = () => resolve(['/']);
        }),
    },
  });
  const cookie = await signIn(test.host);
  const origin = test.host.origin;
  class BrowserLikeWebSocket extends WsWebSocket {
    constructor(url: string) {
      const options: ClientOptions = { origin, headers: { Cookie: cookie } };
      super(url, options);
      sockets.push(this);
    }
  }
  vi.stubGlobal('WebSocket', BrowserLikeWebSocket);
});
afterEach(() => {
  for (const transport of transports.splice(0)) transport.close();
  sockets.length = 0;
  test.services.calls.length = 0;
  test.services.sends.length = 0;
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await test.dispose();
});

function bridge(statuses: TransportStatus[] = []): {
  bridge: PortsideBridge;
  transport: WebSocketTransport;
} {
  const transport = new WebSocketTransport({
    url: `ws://127.0.0.1:${test.host.port}/ws`,
    minReconnectDelayMs: 20,
    onStatusChange: (status) => statuses.push(status),
  });
  transports.push(transport);
  return { bridge: buildBridge(transport), transport };
}

describe('renderer WebSocket bridge against the browser host', () => {
  it('invokes a channel right away (queued while connecting) and gets the result', async () => {
    const { bridge: portside } = bridge();
    expect(await portside.invoke['local:home']({})).toEqual({ ok: true, value: '/home/tester' });
    expect(await portside.invoke['settings:get']({})).toMatchObject({
      ok: true,
      value: { forcePassive: true },
    });
  });

  it('gets validation failures and service errors as data', async () => {
    const { bridge: portside } = bridge();
    const bad = await portside.invoke['local:mkdir']({ path: 'a\r\nDELE b' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const failed = await portside.invoke['local:delete']({ path: '/x' });
    expect(failed).toEqual({
      ok: false,
      error: { code: 'local-fs', message: 'Permission denied: /x' },
    });
    expect(test.services.calls.map((call) => call.channel)).toEqual(['local:delete']);
  });

  it('hands listeners the payload only, and stops after unsubscribe', async () => {
    const { bridge: portside, transport } = bridge();
    await until(() => transport.status === 'open', 'the socket to open');
    await until(() => test.host.clientCount === 1, 'the host to see it');
    const seen: unknown[] = [];
    const stop = portside.on['app:notice']((payload) => seen.push(payload));
    test.services.emit('app:notice', { level: 'warning', message: 'first' });
    await until(() => seen.length === 1, 'the first event');
    stop();
    test.services.emit('app:notice', { level: 'warning', message: 'second' });
    // A later invoke's answer arrives after the second event: if it had been delivered, it
    // would be in `seen` by now.
    await portside.invoke['local:home']({});
    expect(seen).toEqual([{ level: 'warning', message: 'first' }]);
  });

  it('delivers a send', async () => {
    const { bridge: portside } = bridge();
    portside.send['file:start-drag']({ paths: ['/tmp/a', '/tmp/b'] });
    await until(() => test.services.sends.length === 1, 'the send');
    expect(test.services.sends[0]).toEqual({
      channel: 'file:start-drag',
      payload: { paths: ['/tmp/a', '/tmp/b'] },
    });
  });

  it('fails the invoke in flight with a network error when the line drops, then reconnects', async () => {
    const statuses: TransportStatus[] = [];
    const { bridge: portside, transport } = bridge(statuses);
    const inFlight = portside.invoke['local:drives']({});
    await until(() => release !== undefined, 'the handler to start');
    sockets[0]?.terminate(); // the connection is cut, as by a network failure
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'network' } });
    release?.();

    await until(() => transport.status === 'open' && sockets.length === 2, 'a reconnect');
    expect(await portside.invoke['local:home']({})).toEqual({ ok: true, value: '/home/tester' });
    expect(statuses).toEqual(['open', 'reconnecting', 'open']);
  });
});
