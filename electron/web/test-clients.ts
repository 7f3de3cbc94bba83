import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { InvokeHandlers } from '../services/router.js';
import { createTestServices, type TestServices } from './test-services.js';
import { startWebHost, type WebHost, type WebHostOptions } from './web-host.js';

/** Helpers for the browser host's tests: a host on a temporary renderer, and raw clients. */

export const INDEX_HTML = '<!doctype html><title>Portside test page</title>';
export const APP_JS = 'console.log("portside test bundle");';
/** Lives next to the renderer folder: no request may ever read it. */
export const SECRET_TEXT = 'outside-the-renderer-folder';

export interface TestHost {
  readonly host: WebHost;
  /** The test's temporary folder: the renderer, a secret file and the drop staging folder. */
  readonly root: string;
  readonly services: TestServices;
  readonly rendererDir: string;
  readonly log: string[];
  dispose(): Promise<void>;
}

export async function startTestHost(
  options: {
    readonly handlers?: Partial<InvokeHandlers>;
    readonly built?: boolean;
  } & Partial<Pick<WebHostOptions, 'maxBufferedBytes' | 'heartbeatMs'>> = {},
): Promise<TestHost> {
  const root = await mkdtemp(join(tmpdir(), 'portside-web-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(root, 'secret.txt'), SECRET_TEXT);
  await writeFile(join(rendererDir, 'assets', 'app.js'), APP_JS);
  await writeFile(join(rendererDir, 'assets', 'app.css'), 'body { margin: 0 }');
  if (options.built !== false) await writeFile(join(rendererDir, 'index.html'), INDEX_HTML);
  const services = createTestServices(options.handlers);
  const log: string[] = [];
  const host = await startWebHost({
    port: 0,
    rendererDir,
    // Inside the test's own folder, so a test can see everything the host wrote anywhere
    // near it, and nothing is left in the real temp folder if a test fails.
    dropStagingParent: root,
    createServices: services.factory,
    log: (line) => log.push(line),
    maxBufferedBytes: options.maxBufferedBytes,
    heartbeatMs: options.heartbeatMs,
  });
  return {
    host,
    root,
    services,
    rendererDir,
    log,
    async dispose() {
      await host.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * One HTTP request with full control over the request target and headers (fetch would
 * normalise `/../` and refuses to set Host). Host defaults to the host's own.
 */
export function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        headers: { Host: `127.0.0.1:${port}`, ...headers },
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** Trades the launch token for the cookie, as a browser does; returns `name=value`. */
export async function signIn(host: WebHost): Promise<string> {
  const answer = await get(host.port, `/?token=${host.token}`);
  const cookie = answer.headers['set-cookie']?.[0];
  if (answer.status !== 303 || cookie === undefined) {
    throw new Error(`Sign-in failed: ${answer.status} ${answer.body}`);
  }
  return cookie.split(';')[0] ?? '';
}

export type SocketAttempt =
  | { readonly ok: true; readonly socket: WebSocket }
  | { readonly ok: false; readonly status: number; readonly body: string };

/** Opens a WebSocket with exactly the given headers; a refused upgrade is data, not a throw. */
export function openSocket(
  port: number,
  options: {
    readonly origin?: string;
    readonly cookie?: string;
    readonly host?: string;
    readonly path?: string;
    readonly maxPayload?: number;
  },
): Promise<SocketAttempt> {
  const headers: Record<string, string> = { Host: options.host ?? `127.0.0.1:${port}` };
  if (options.cookie !== undefined) headers.Cookie = options.cookie;
  const socket = new WebSocket(`ws://127.0.0.1:${port}${options.path ?? '/ws'}`, {
    headers,
    ...(options.origin === undefined ? {} : { origin: options.origin }),
    ...(options.maxPayload === undefined ? {} : { maxPayload: options.maxPayload }),
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ ok: true, socket }));
    socket.once('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          ok: false,
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    socket.once('error', reject);
  });
}

/** A signed-in socket from our own origin. */
export async function connectClient(host: WebHost): Promise<WebSocket> {
  const attempt = await openSocket(host.port, {
    origin: host.origin,
    cookie: await signIn(host),
  });
  if (!attempt.ok) throw new Error(`Upgrade refused: ${attempt.status} ${attempt.body}`);
  return attempt.socket;
}

/** Collects every text message a socket receives, parsed. */
export function collect(socket: WebSocket): unknown[] {
  const messages: unknown[] = [];
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8'))));
  return messages;
}

export function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) resolve({ code: 1006, reason: '' });
    socket.once('close', (code: number, reason: Buffer) =>
      resolve({ code, reason: reason.toString('utf8') }),
    );
  });
}

/** Sends one invoke and waits for its result. */
export function invoke(
  socket: WebSocket,
  id: number,
  channel: string,
  payload: unknown,
): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      const message = JSON.parse(data.toString('utf8')) as { t: string; id?: number };
      if (message.t === 'result' && message.id === id) {
        socket.off('message', onMessage);
        resolve(message);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ t: 'invoke', id, channel, payload }));
  });
}

/** Polls until `check` holds; for states only observable from outside (a count). */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
