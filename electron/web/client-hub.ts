import { WebSocket, type RawData } from 'ws';
import type { ContractRouter, EventSink } from '../services/router.js';
import { err, type Result } from '../../shared/contract/errors.js';
import { parseClientMessage, type ServerMessage } from '../../shared/contract/ws-messages.js';

export interface ClientHubOptions {
  /**
   * A client with more than this many bytes still unsent is dropped before the next
   * message is queued. Checked before sending, so one large answer (a huge listing) always
   * goes through; it is a steady stream the client does not read that gets cut.
   */
  readonly maxBufferedBytes: number;
  /** Invokes one client may have running at once; more are answered with an error. */
  readonly maxInFlight: number;
  /** Ping interval; a client that missed the previous ping's pong is terminated. */
  readonly heartbeatMs: number;
  readonly log: (line: string) => void;
}

interface ClientState {
  alive: boolean;
  inFlight: number;
}

// 1008 policy violation and 1003 unsupported data are RFC 6455 §7.4.1's codes for a peer
// that breaks the protocol; 1013 "try again later" tells a slow client it may reconnect.
const CLOSE_POLICY = 1008;
const CLOSE_UNSUPPORTED = 1003;
const CLOSE_TRY_AGAIN = 1013;
const CLOSE_GOING_AWAY = 1001;
/** After a close frame, how long a peer gets to answer before its socket is destroyed. */
const CLOSE_GRACE_MS = 2000;

/**
 * The authenticated WebSocket clients of the browser host: runs their invokes and sends
 * through the contract router, and fans every service event out to all of them.
 */
export class ClientHub {
  private readonly clients = new Map<WebSocket, ClientState>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly options: ClientHubOptions) {
    this.heartbeat = setInterval(() => this.checkAlive(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  attach(socket: WebSocket, router: ContractRouter): void {
    const state: ClientState = { alive: true, inFlight: 0 };
    this.clients.set(socket, state);
    socket.on('pong', () => {
      state.alive = true;
    });
    socket.on('close', () => this.clients.delete(socket));
    // Errors (a reset connection, a frame over maxPayload) are followed by 'close'.
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        this.drop(socket, CLOSE_UNSUPPORTED, 'Portside expects JSON text frames');
        return;
      }
      const message = parseClientMessage(rawText(data));
      if (message === undefined) {
        this.drop(socket, CLOSE_POLICY, 'Malformed message');
        return;
      }
      switch (message.t) {
        case 'send':
          // An invalid send is dropped by the router: there is nobody to answer.
          router.send(message.channel, message.payload);
          return;
        case 'invoke':
          this.invoke(socket, state, router, message.id, message.channel, message.payload);
          return;
        default:
          assertNever(message);
      }
    });
  }

  /** The services' event sink: every event to every client, serialised once. */
  readonly broadcast: EventSink = (channel, payload) => {
    const message: ServerMessage = { t: 'event', channel, payload };
    const text = JSON.stringify(message);
    for (const socket of this.clients.keys()) this.deliver(socket, text);
  };

  /** Says goodbye to every client; resolves when all are closed (or destroyed). */
  async closeAll(reason: string): Promise<void> {
    clearInterval(this.heartbeat);
    const closed = [...this.clients.keys()].map(
      (socket) =>
        new Promise<void>((resolve) => {
          socket.once('close', () => resolve());
          socket.close(CLOSE_GOING_AWAY, reason);
          setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
        }),
    );
    await Promise.all(closed);
  }

  private invoke(
    socket: WebSocket,
    state: ClientState,
    router: ContractRouter,
    id: number,
    channel: string,
    payload: unknown,
  ): void {
    const answer = (result: Result<unknown>): void => {
      const message: ServerMessage = { t: 'result', id, result };
      this.deliver(socket, JSON.stringify(message));
    };
    if (state.inFlight >= this.options.maxInFlight) {
      answer(err('bad-request', `More than ${this.options.maxInFlight} requests at once`));
      return;
    }
    state.inFlight += 1;
    router.invoke(channel, payload).then(
      (result) => {
        state.inFlight -= 1;
        answer(result);
      },
      // The router turns handler failures into results itself; this is a last resort.
      (error: unknown) => {
        state.inFlight -= 1;
        answer(err('internal', error instanceof Error ? error.message : String(error)));
      },
    );
  }

  private deliver(socket: WebSocket, text: string): void {
    if (socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > this.options.maxBufferedBytes) {
      // Buffering on would let one stuck tab grow this process without bound.
      const mib = Math.round(this.options.maxBufferedBytes / (1024 * 1024));
      this.drop(socket, CLOSE_TRY_AGAIN, `Client fell behind (over ${mib} MiB unsent)`);
      return;
    }
    socket.send(text);
  }

  private drop(socket: WebSocket, code: number, reason: string): void {
    if (!this.clients.has(socket)) return;
    this.clients.delete(socket);
    this.options.log(`Closed a browser connection: ${reason}`);
    socket.close(code, reason);
    // A client that does not read will never see the close frame either.
    setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  private checkAlive(): void {
    for (const [socket, state] of this.clients) {
      if (!state.alive) {
        this.clients.delete(socket);
        this.options.log('Closed a browser connection: no answer to a ping');
        socket.terminate();
        continue;
      }
      state.alive = false;
      socket.ping();
    }
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}
