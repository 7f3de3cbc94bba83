import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { AppServices } from '../services/app-services.js';
import type { EventSink } from '../services/router.js';
import { ClientHub } from './client-hub.js';
import { DROP_PATH, handleDrop } from './drop-endpoint.js';
import { DropStage } from './drop-stage.js';
import { answerText } from './http-answers.js';
import {
  createAccessToken,
  decideAccess,
  isAllowedHost,
  tokenCookie,
  type AccessDecision,
} from './request-checks.js';
import { securityHeaders } from './security-headers.js';
import { lookUpStatic, notBuiltText, sendFile } from './static-files.js';
import { MAX_MESSAGE_BYTES } from '../../shared/contract/ws-messages.js';

export interface WebHostOptions {
  /** 0 picks a free port. The host binds 127.0.0.1 only; there is no option to widen that. */
  readonly port: number;
  /** The built renderer (index.html and its assets). */
  readonly rendererDir: string;
  /** Builds the services with the host's event sink; the real one is createAppServices. */
  readonly createServices: (emit: EventSink) => Promise<AppServices>;
  /** Where the host reports what a person running it should know (dropped clients). */
  readonly log?: ((line: string) => void) | undefined;
  /** See ClientHubOptions.maxBufferedBytes. */
  readonly maxBufferedBytes?: number | undefined;
  readonly heartbeatMs?: number | undefined;
  /** Where this launch's folder for dropped files is made; default: the OS temp folder. */
  readonly dropStagingParent?: string | undefined;
}

export interface WebHost {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** The address to open: origin, `/?token=` and the launch token. */
  readonly url: string;
  readonly token: string;
  /** This launch's folder for files dropped from the desktop; removed by close(). */
  readonly dropStagingDir: string;
  /** The underlying server, for tests that need to look at its connections. */
  readonly server: Server;
  /** Open WebSocket clients. */
  readonly clientCount: number;
  /** Closes every client and the server, then disposes the services. Idempotent. */
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

/**
 * The browser host: the built renderer over http and the contract over a WebSocket at
 * `/ws`, on 127.0.0.1 only, behind the launch token and the Host and Origin checks of
 * request-checks.ts. Services are created first, so no request can arrive before them.
 * Files dropped onto the page are streamed to a staging folder (drop-endpoint.ts).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = createAccessToken();
  const log = options.log ?? (() => undefined);
  const hub = new ClientHub({
    maxBufferedBytes: options.maxBufferedBytes ?? 64 * 1024 * 1024,
    maxInFlight: 256,
    heartbeatMs: options.heartbeatMs ?? 30_000,
    log,
  });
  const services = await options.createServices(hub.broadcast);
  let stage: DropStage;
  try {
    stage = await DropStage.create(options.dropStagingParent);
  } catch (error) {
    await hub.closeAll('Portside could not start');
    await services.dispose();
    throw error;
  }
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    clientTracking: false,
  });
  const server = createServer();
  let port = 0;
  let closing = false;

  const access = (
    request: IncomingMessage,
    queryToken: string | undefined,
    requireOrigin: boolean,
  ) =>
    decideAccess(
      {
        remoteAddress: request.socket.remoteAddress,
        host: request.headers.host,
        origin: request.headers.origin,
        cookie: request.headers.cookie,
        queryToken,
        requireOrigin,
      },
      port,
      token,
    );

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const target = splitTarget(request.url);
    // The CSP names the socket's address: the Host the page was loaded from, when it is one
    // of ours (a refused Host is never reflected into a header).
    const requested = request.headers.host;
    const host =
      requested !== undefined && isAllowedHost(requested, port) ? requested : `${LOOPBACK}:${port}`;
    for (const [name, value] of Object.entries(securityHeaders(host))) {
      response.setHeader(name, value);
    }
    // A drop writes to disk, so it must come from our own page: browsers always send
    // Origin with a POST, and a page elsewhere cannot make it name ours.
    const requireOrigin = target.path === DROP_PATH && request.method === 'POST';
    const decision = access(request, target.token, requireOrigin);
    handleHttp(request, response, decision, target).catch(() => {
      if (!response.headersSent) answerText(response, 500, 'Internal error');
      else response.destroy();
    });
  });

  async function handleHttp(
    request: IncomingMessage,
    response: ServerResponse,
    decision: AccessDecision,
    { path, query }: RequestTarget,
  ): Promise<void> {
    if (!decision.allowed) return answerText(response, 403, decision.reason);
    // Before the token-for-cookie redirect: a 303 would turn the POST into a GET of / and
    // lose the file. A token in the query authenticates a drop like the cookie does.
    if (path === DROP_PATH) return handleDrop(request, response, stage, query);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return answerText(response, 405, 'Method not allowed');
    }
    if (decision.by === 'query') {
      // Trade the token for the cookie and take it out of the address bar (and history).
      // Always to `/`: echoing the path back could redirect to `//elsewhere`.
      response.setHeader('Set-Cookie', tokenCookie(port, token));
      response.setHeader('Location', '/');
      return answerText(response, 303, 'Signed in: continue to /');
    }
    if (path === '/ws') return answerText(response, 426, 'This address is for the WebSocket');
    const outcome = await lookUpStatic(options.rendererDir, path);
    switch (outcome.kind) {
      case 'file':
        return sendFile(response, outcome, request.method === 'HEAD');
      case 'not-built':
        return answerText(response, 503, notBuiltText(options.rendererDir));
      case 'bad-path':
        return answerText(response, 400, 'Bad path');
      case 'not-found':
        return answerText(response, 404, 'Not found');
    }
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const target = splitTarget(request.url);
    const decision = access(request, target.token, true);
    if (!decision.allowed) return refuseUpgrade(socket, 403, 'Forbidden', decision.reason);
    if (target.path !== '/ws') return refuseUpgrade(socket, 404, 'Not Found', 'Not found');
    if (closing) return refuseUpgrade(socket, 503, 'Service Unavailable', 'Shutting down');
    sockets.handleUpgrade(request, socket, head, (client) => hub.attach(client, services.router));
  });

  try {
    await listen(server, options.port);
  } catch (error) {
    await hub.closeAll('Portside could not start');
    await services.dispose();
    await stage.dispose();
    throw error;
  }
  port = (server.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK}:${port}`;

  let closed: Promise<void> | undefined;
  return {
    port,
    origin,
    url: `${origin}/?token=${token}`,
    token,
    dropStagingDir: stage.dir,
    server,
    get clientCount() {
      return hub.size;
    },
    close() {
      closed ??= (async () => {
        closing = true;
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await hub.closeAll('Portside is shutting down');
        sockets.close();
        await serverClosed;
        try {
          await services.dispose();
        } finally {
          // After the services: the transfer queue may be reading a staged file until then.
          await stage.dispose();
        }
      })();
      return closed;
    },
  };
}

interface RequestTarget {
  /** Still percent-encoded: static-files.ts decodes it once, itself. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly token: string | undefined;
}

/** Splits a request target into its raw path, its query and the token parameter. */
function splitTarget(url: string | undefined): RequestTarget {
  const target = url ?? '';
  const question = target.indexOf('?');
  if (question < 0) return { path: target, query: new URLSearchParams(), token: undefined };
  const query = new URLSearchParams(target.slice(question + 1));
  return { path: target.slice(0, question), query, token: query.get('token') ?? undefined };
}

/** Answers a refused upgrade on the raw socket (there is no ServerResponse for it). */
function refuseUpgrade(socket: Duplex, status: number, statusText: string, text: string): void {
  const body = `${text}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  );
  socket.once('finish', () => socket.destroy());
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
