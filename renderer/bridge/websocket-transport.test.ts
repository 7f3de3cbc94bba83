import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from './fake-web-socket.js';
import { WebSocketTransport, type TransportStatus } from './websocket-transport.js';

const URL = 'ws://127.0.0.1:4000/ws';
const transports: WebSocketTransport[] = [];

beforeEach(() => {
  FakeWebSocket.reset();
  vi.stubGlobal('WebSocket', FakeWebSocket);
  vi.useFakeTimers();
});
afterEach(() => {
  for (const transport of transports.splice(0)) transport.close();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function start(statuses: TransportStatus[] = []): WebSocketTransport {
  const transport = new WebSocketTransport({
    url: URL,
    minReconnectDelayMs: 100,
    maxReconnectDelayMs: 1000,
    onStatusChange: (status) => statuses.push(status),
  });
  transports.push(transport);
  return transport;
}

describe('WebSocketTransport', () => {
  it('connects to the page origin by default', () => {
    transports.push(new WebSocketTransport());
    expect(FakeWebSocket.latest().url).toBe(`ws://${location.host}/ws`);
  });

  it('queues invokes while connecting and sends them on open', async () => {
    const transport = start();
    const answer = transport.invoke('local:home', {});
    const socket = FakeWebSocket.latest();
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(socket.sentMessages()).toEqual([
      { t: 'invoke', id: 1, channel: 'local:home', payload: {} },
    ]);
    socket.receive({ t: 'result', id: 1, result: { ok: true, value: '/home/me' } });
    expect(await answer).toEqual({ ok: true, value: '/home/me' });
  });

  it('matches results to invokes by id, whatever their order', async () => {
    const transport = start();
    const socket = FakeWebSocket.latest();
    socket.open();
    const first = transport.invoke('local:home', {});
    const second = transport.invoke('local:drives', {});
    socket.receive({ t: 'result', id: 2, result: { ok: true, value: ['C:\\'] } });
    socket.receive({ t: 'result', id: 99, result: { ok: true, value: 'stray' } });
    socket.receive({
      t: 'result',
      id: 1,
      result: { ok: false, error: { code: 'internal', message: 'x' } },
    });
    expect(await second).toEqual({ ok: true, value: ['C:\\'] });
    expect(await first).toEqual({ ok: false, error: { code: 'internal', message: 'x' } });
  });

  it('ignores what is not a message from the host', async () => {
    const transport = start();
    const socket = FakeWebSocket.latest();
    socket.open();
    const answer = transport.invoke('local:home', {});
    const seen: unknown[] = [];
    transport.subscribe('app:notice', (payload) => seen.push(payload));
    for (const garbage of [
      'not json',
      { t: 'result', id: 1, result: { ok: 'yes' } },
      { t: 'result', id: 1, result: { ok: false, error: { code: 'no-such-code', message: '' } } },
      { t: 'event', channel: 'shell:exec', payload: {} },
      { t: 'event', channel: 'app:notice', payload: {}, extra: 1 },
    ]) {
      socket.receive(garbage);
    }
    expect(seen).toEqual([]);
    socket.receive({ t: 'result', id: 1, result: { ok: true, value: 'real' } });
    expect(await answer).toEqual({ ok: true, value: 'real' });
  });

  it('hands listeners the payload only, each subscription on its own', () => {
    const transport = start();
    const socket = FakeWebSocket.latest();
    socket.open();
    const seen: unknown[] = [];
    const listener = (payload: unknown): void => {
      seen.push(payload);
    };
    const stopFirst = transport.subscribe('app:notice', listener);
    const stopSecond = transport.subscribe('app:notice', listener);
    const payload = { level: 'info', message: 'hi' };
    socket.receive({ t: 'event', channel: 'app:notice', payload });
    expect(seen).toEqual([payload, payload]);
    stopFirst();
    stopFirst(); // idempotent
    socket.receive({ t: 'event', channel: 'app:notice', payload });
    expect(seen).toHaveLength(3);
    stopSecond();
    socket.receive({ t: 'event', channel: 'app:notice', payload });
    expect(seen).toHaveLength(3);
  });

  it('keeps calling other listeners when one throws, and still reports the error', () => {
    const transport = start();
    const socket = FakeWebSocket.latest();
    socket.open();
    const seen: unknown[] = [];
    transport.subscribe('app:notice', () => {
      throw new Error('listener bug');
    });
    transport.subscribe('app:notice', (payload) => seen.push(payload));
    socket.receive({ t: 'event', channel: 'app:notice', payload: 1 });
    expect(seen).toEqual([1]);
    expect(() => vi.runOnlyPendingTimers()).toThrow('listener bug');
  });

  it('fails invokes in flight with a network error when the socket drops', async () => {
    const transport = start();
    const socket = FakeWebSocket.latest();
    const queued = transport.invoke('local:home', {});
    socket.open();
    const inFlight = transport.invoke('local:drives', {});
    socket.drop();
    for (const answer of [await queued, await inFlight]) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'network' } });
    }
    // Between attempts there is no socket: an invoke is answered at once, not left hanging.
    expect(await transport.invoke('local:home', {})).toMatchObject({
      ok: false,
      error: { code: 'network', message: 'Not connected to Portside; reconnecting.' },
    });
  });

  it('reconnects with doubling back-off, capped, and starts over after a success', () => {
    const statuses: TransportStatus[] = [];
    start(statuses);
    FakeWebSocket.latest().drop();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const before = FakeWebSocket.instances.length;
      let waited = 0;
      while (FakeWebSocket.instances.length === before) {
        vi.advanceTimersByTime(10);
        waited += 10;
      }
      delays.push(waited);
      FakeWebSocket.latest().drop();
    }
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);

    vi.advanceTimersByTime(1000);
    FakeWebSocket.latest().open();
    FakeWebSocket.latest().drop();
    const before = FakeWebSocket.instances.length;
    vi.advanceTimersByTime(99);
    expect(FakeWebSocket.instances).toHaveLength(before);
    vi.advanceTimersByTime(1);
    expect(FakeWebSocket.instances).toHaveLength(before + 1);
    expect(statuses).toEqual(['reconnecting', 'open', 'reconnecting']);
  });

  it('retries when the WebSocket constructor throws', () => {
    FakeWebSocket.failNext = new SyntaxError('bad url');
    start();
    expect(FakeWebSocket.instances).toHaveLength(0);
    vi.advanceTimersByTime(100);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('sends fire-and-forget messages when open, and drops them when there is no socket', () => {
    const transport = start();
    const socket = FakeWebSocket.latest();
    transport.send('file:start-drag', { paths: ['/a'] }); // queued while connecting
    socket.open();
    transport.send('file:start-drag', { paths: ['/b'] });
    expect(socket.sentMessages()).toEqual([
      { t: 'send', channel: 'file:start-drag', payload: { paths: ['/a'] } },
      { t: 'send', channel: 'file:start-drag', payload: { paths: ['/b'] } },
    ]);
    socket.drop();
    expect(() => transport.send('file:start-drag', { paths: ['/c'] })).not.toThrow();
  });

  it('answers a request that is not JSON with bad-request, without sending it', async () => {
    const transport = start();
    const socket = FakeWebSocket.latest();
    socket.open();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await transport.invoke('local:list', cyclic)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(socket.sent).toEqual([]);
  });

  it('stops for good on close(): no reconnect, waiting invokes answered', async () => {
    const statuses: TransportStatus[] = [];
    const transport = start(statuses);
    const socket = FakeWebSocket.latest();
    socket.open();
    const waiting = transport.invoke('local:home', {});
    transport.close();
    expect(socket.closedWith).toBe(1000);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'network' } });
    socket.drop();
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(transport.status).toBe('closed');
    expect(statuses).toEqual(['open', 'closed']);
    expect(await transport.invoke('local:home', {})).toMatchObject({
      error: { code: 'network', message: 'The connection to Portside is closed.' },
    });
  });
});
