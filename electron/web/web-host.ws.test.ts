import { randomBytes } from 'node:crypto';
import { connect as connectTcp, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../shared/contract/ws-messages.js';
import {
  closed,
  collect,
  connectClient,
  invoke,
  openSocket,
  signIn,
  startTestHost,
  until,
  type TestHost,
} from './test-clients.js';

let test: TestHost;
const opened: WebSocket[] = [];

beforeAll(async () => {
  test = await startTestHost();
});
afterEach(() => {
  for (const socket of opened.splice(0)) socket.terminate();
  test.services.calls.length = 0;
  test.services.sends.length = 0;
});
afterAll(() => test.dispose());

async function client(): Promise<WebSocket> {
  const socket = await connectClient(test.host);
  opened.push(socket);
  return socket;
}

describe('browser host WebSocket: the contract', () => {
  it('answers an invoke with the handler result, by id', async () => {
    const socket = await client();
    expect(await invoke(socket, 7, 'local:home', {})).toEqual({
      t: 'result',
      id: 7,
      result: { ok: true, value: '/home/tester' },
    });
    expect(test.services.calls).toEqual([{ channel: 'local:home', request: {} }]);
  });

  it('answers concurrent invokes each under its own id', async () => {
    const socket = await client();
    const [a, b] = await Promise.all([
      invoke(socket, 1, 'local:home', {}),
      invoke(socket, 2, 'local:mkdir', { path: '/tmp/new' }),
    ]);
    expect(a).toMatchObject({ id: 1, result: { ok: true, value: '/home/tester' } });
    expect(b).toMatchObject({ id: 2, result: { ok: true, value: null } });
  });

  it('returns a service error as data', async () => {
    const socket = await client();
    expect(await invoke(socket, 3, 'local:delete', { path: '/etc/passwd' })).toEqual({
      t: 'result',
      id: 3,
      result: { ok: false, error: { code: 'local-fs', message: 'Permission denied: /etc/passwd' } },
    });
  });

  it.each([
    ['an extra key', { path: '/tmp/a', recursive: true }],
    ['a wrong type', { path: 42 }],
    ['a missing field', {}],
    ['CR/LF in a path', { path: '/tmp/a\r\nDELE /important' }],
    ['NUL in a path', { path: '/tmp/a\0b' }],
    ['an oversized string', { path: `/${'a'.repeat(5000)}` }],
    ['no payload at all', undefined],
  ])('refuses %s as a bad-request result, before any handler runs', async (_name, payload) => {
    const socket = await client();
    const answer = (await invoke(socket, 9, 'local:mkdir', payload)) as {
      result: { ok: boolean; error: { code: string } };
    };
    expect(answer.result.ok).toBe(false);
    expect(answer.result.error.code).toBe('bad-request');
    expect(test.services.calls).toEqual([]);
    // The socket stays usable: a bad payload is the caller's bug, not an attack on the host.
    expect(await invoke(socket, 10, 'local:home', {})).toMatchObject({ result: { ok: true } });
  });

  it('refuses an unknown channel', async () => {
    const socket = await client();
    for (const channel of ['shell:exec', '__proto__', 'constructor', 'toString']) {
      expect(await invoke(socket, 11, channel, {})).toEqual({
        t: 'result',
        id: 11,
        result: {
          ok: false,
          error: { code: 'bad-request', message: `Unknown channel: ${channel}` },
        },
      });
    }
    expect(test.services.calls).toEqual([]);
  });

  it('fans every event out to every client, in order, payload intact', async () => {
    const [first, second] = [await client(), await client()];
    const [toFirst, toSecond] = [collect(first), collect(second)];
    for (let i = 0; i < 50; i++) {
      test.services.emit('app:notice', { level: 'info', message: `notice ${i}` });
    }
    await until(() => toFirst.length === 50 && toSecond.length === 50, 'both clients');
    const expected = Array.from({ length: 50 }, (_, i) => ({
      t: 'event',
      channel: 'app:notice',
      payload: { level: 'info', message: `notice ${i}` },
    }));
    expect(toFirst).toEqual(expected);
    expect(toSecond).toEqual(expected);
  });

  it('delivers a send to its handler, and drops an invalid one without answering', async () => {
    const socket = await client();
    const received = collect(socket);
    socket.send(JSON.stringify({ t: 'send', channel: 'file:start-drag', payload: { paths: [] } }));
    socket.send(JSON.stringify({ t: 'send', channel: 'no:such', payload: {} }));
    socket.send(
      JSON.stringify({ t: 'send', channel: 'file:start-drag', payload: { paths: ['/tmp/a'] } }),
    );
    await until(() => test.services.sends.length === 1, 'the valid send');
    expect(await invoke(socket, 1, 'local:home', {})).toMatchObject({ result: { ok: true } });
    expect(test.services.sends).toEqual([
      { channel: 'file:start-drag', payload: { paths: ['/tmp/a'] } },
    ]);
    expect(received).toHaveLength(1); // only the invoke's result
  });
});

describe('browser host WebSocket: garbage closes the connection', () => {
  it.each([
    ['text that is not JSON', 'hello'],
    ['a JSON value that is not an envelope', '[1,2,3]'],
    ['an unknown message type', JSON.stringify({ t: 'result', id: 1, result: {} })],
    [
      'an envelope with an extra key',
      JSON.stringify({ t: 'send', channel: 'a', payload: 1, x: 1 }),
    ],
    [
      'an id that is not an integer',
      JSON.stringify({ t: 'invoke', id: 1.5, channel: 'local:home', payload: {} }),
    ],
    [
      'a channel that is not a string',
      JSON.stringify({ t: 'invoke', id: 1, channel: 5, payload: {} }),
    ],
  ])('closes on %s (1008)', async (_name, text) => {
    const socket = await client();
    socket.send(text);
    expect(await closed(socket)).toEqual({ code: 1008, reason: 'Malformed message' });
    expect(test.services.calls).toEqual([]);
  });

  it('closes on a binary frame (1003)', async () => {
    const socket = await client();
    socket.send(
      Buffer.from(JSON.stringify({ t: 'invoke', id: 1, channel: 'local:home', payload: {} })),
    );
    expect(await closed(socket)).toMatchObject({ code: 1003 });
  });

  it('closes on a message over the size cap (1009) without reading it into a handler', async () => {
    const socket = await client();
    const path = 'a'.repeat(MAX_MESSAGE_BYTES);
    socket.send(JSON.stringify({ t: 'invoke', id: 1, channel: 'local:mkdir', payload: { path } }));
    expect((await closed(socket)).code).toBe(1009);
    expect(test.services.calls).toEqual([]);
  });
});

describe('security 9.31: browser host WebSocket upgrade refusals', () => {
  let cookie: string;
  let origin: string;
  let port: number;
  beforeAll(async () => {
    cookie = await signIn(test.host);
    origin = test.host.origin;
    port = test.host.port;
  });

  async function expectRefused(
    options: Parameters<typeof openSocket>[1],
    status = 403,
  ): Promise<void> {
    const attempt = await openSocket(port, options);
    if (attempt.ok) opened.push(attempt.socket);
    expect(attempt).toMatchObject({ ok: false, status });
    expect(test.host.clientCount).toBe(0);
  }

  it('accepts our origin with the cookie, or with the token in the query', async () => {
    const withCookie = await openSocket(port, { origin, cookie });
    const withToken = await openSocket(port, { origin, path: `/ws?token=${test.host.token}` });
    const fromLocalhost = await openSocket(port, {
      origin: `http://localhost:${port}`,
      host: `localhost:${port}`,
      cookie,
    });
    for (const attempt of [withCookie, withToken, fromLocalhost]) {
      expect(attempt.ok).toBe(true);
      if (attempt.ok) opened.push(attempt.socket);
    }
  });

  it('refuses without the cookie or token', () => expectRefused({ origin }));
  it('refuses a wrong cookie', () =>
    expectRefused({ origin, cookie: `portside_token_${port}=nope` }));
  it('refuses a wrong token', () => expectRefused({ origin, path: '/ws?token=nope' }));
  it('refuses a foreign Origin', () => expectRefused({ origin: 'http://evil.example', cookie }));
  it('refuses another local port as Origin', () =>
    expectRefused({ origin: `http://127.0.0.1:${port + 1}`, cookie }));
  it('refuses a missing Origin', () => expectRefused({ cookie }));
  it('refuses a foreign Host header', async () => {
    await expectRefused({ origin, cookie, host: `evil.example:${port}` });
    await expectRefused({ origin, cookie, host: `127.0.0.1:${port + 1}` });
  });
  it('refuses another path', () => expectRefused({ origin, cookie, path: '/socket' }, 404));

  it('refuses a client that is not on this computer', async () => {
    const pretend = (socket: Socket): void => {
      Object.defineProperty(socket, 'remoteAddress', { value: '10.1.2.3' });
    };
    test.host.server.prependListener('connection', pretend);
    try {
      await expectRefused({ origin, cookie });
    } finally {
      test.host.server.off('connection', pretend);
    }
  });
});

describe('browser host WebSocket: a client that stops reading', () => {
  it('is dropped with a reason once too much is unsent; the others keep their events', async () => {
    const small = await startTestHost({ maxBufferedBytes: 1024 * 1024 });
    const healthy = await connectClient(small.host);
    const slow = await rawSocketThatNeverReads(
      small.host.port,
      small.host.origin,
      await signIn(small.host),
    );
    try {
      await until(() => small.host.clientCount === 2, 'two clients');
      const received = collect(healthy);
      const message = 'x'.repeat(256 * 1024);
      // One event at a time with a pause between them, as the services emit: the healthy
      // client reads each before the next, the slow one's backlog grows past loopback's
      // socket buffers and then past the limit.
      let sent = 0;
      while (small.host.clientCount === 2 && sent < 1024) {
        small.services.emit('app:notice', { level: 'info', message: `${sent} ${message}` });
        sent += 1;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      expect(small.host.clientCount).toBe(1);
      expect(small.log).toEqual([
        'Closed a browser connection: Client fell behind (over 1 MiB unsent)',
      ]);
      await until(() => received.length === sent, 'every event on the healthy client');
      expect(received.at(-1)).toMatchObject({ payload: { message: `${sent - 1} ${message}` } });
    } finally {
      slow.destroy();
      healthy.terminate();
      await small.dispose();
    }
  });
});

describe('browser host WebSocket: heartbeat', () => {
  it('ends a connection that stops answering pings, and keeps one that answers', async () => {
    const beating = await startTestHost({ heartbeatMs: 50 });
    const alive = await connectClient(beating.host); // the ws client answers pings itself
    const silent = await rawSocketThatNeverReads(
      beating.host.port,
      beating.host.origin,
      await signIn(beating.host),
    );
    try {
      await until(() => beating.host.clientCount === 1, 'the silent client to be ended');
      expect(beating.log).toEqual(['Closed a browser connection: no answer to a ping']);
      await new Promise((resolve) => setTimeout(resolve, 300)); // six more beats
      expect(beating.host.clientCount).toBe(1);
      expect(await invoke(alive, 1, 'local:home', {})).toMatchObject({ result: { ok: true } });
    } finally {
      silent.destroy();
      alive.terminate();
      await beating.dispose();
    }
  });
});

describe('browser host shutdown', () => {
  it('closes clients with 1001 and disposes the services', async () => {
    const other = await startTestHost();
    const socket = await connectClient(other.host);
    const closing = closed(socket);
    await other.dispose();
    expect(await closing).toEqual({ code: 1001, reason: 'Portside is shutting down' });
    expect(other.services.disposed).toBe(true);
  });
});

/** A WebSocket handshake by hand on a TCP socket that is then paused for good. */
function rawSocketThatNeverReads(port: number, origin: string, cookie: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.on('error', reject);
    socket.write(
      [
        'GET /ws HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        `Origin: ${origin}`,
        `Cookie: ${cookie}`,
        '',
        '',
      ].join('\r\n'),
    );
    socket.once('data', (chunk: Buffer) => {
      if (!chunk.toString('latin1').startsWith('HTTP/1.1 101')) {
        reject(new Error(`Handshake refused: ${chunk.toString('latin1')}`));
        return;
      }
      socket.pause();
      resolve(socket);
    });
  });
}
