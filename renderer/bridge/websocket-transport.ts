import type { BridgeTransport } from '../../shared/contract/bridge.js';
import type { EventChannel, InvokeChannel, SendChannel } from '../../shared/contract/channels.js';
import { err, type ErrorCode, type Result } from '../../shared/contract/errors.js';
import { parseServerMessage, type ClientMessage } from '../../shared/contract/ws-messages.js';

export type TransportStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface WebSocketTransportOptions {
  /** Default: the page's own host, path /ws (the host's cookie authenticates it). */
  readonly url?: string | undefined;
  /** First reconnect delay; each failed attempt doubles it, up to the maximum. */
  readonly minReconnectDelayMs?: number | undefined;
  readonly maxReconnectDelayMs?: number | undefined;
  /** For a "Reconnecting…" banner. */
  readonly onStatusChange?: ((status: TransportStatus) => void) | undefined;
}

// WebSocket.readyState values (WHATWG WebSockets); named here rather than read from the
// global class, which the tests replace.
const CONNECTING = 0;
const OPEN = 1;
/** RFC 6455 §7.4.1: normal closure. */
const CLOSE_NORMAL = 1000;

/**
 * The browser host's side of the bridge: the contract over one WebSocket to the page's own
 * origin. Invokes wait for their result by id; when the socket drops, every invoke still
 * waiting is answered with a 'network' error (errors are data, never a rejection), and
 * the transport reconnects with back-off. Messages written while the socket is still
 * connecting go out when it opens.
 */
export class WebSocketTransport implements BridgeTransport {
  private readonly url: string;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly onStatusChange: ((status: TransportStatus) => void) | undefined;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  /** Frames written while CONNECTING; sent on open, dropped on close. */
  private outbox: string[] = [];
  private socket: WebSocket | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private failedAttempts = 0;
  private nextId = 1;
  private currentStatus: TransportStatus = 'connecting';

  constructor(options: WebSocketTransportOptions = {}) {
    this.url = options.url ?? defaultUrl();
    this.minDelayMs = options.minReconnectDelayMs ?? 250;
    this.maxDelayMs = options.maxReconnectDelayMs ?? 10_000;
    this.onStatusChange = options.onStatusChange;
    this.connect();
  }

  get status(): TransportStatus {
    return this.currentStatus;
  }

  invoke(channel: InvokeChannel, request: unknown): Promise<unknown> {
    const socket = this.socket;
    if (socket === undefined) {
      return Promise.resolve(
        failure(
          'network',
          this.currentStatus === 'closed'
            ? 'The connection to Portside is closed.'
            : 'Not connected to Portside; reconnecting.',
        ),
      );
    }
    const id = this.nextId++;
    const text = encode({ t: 'invoke', id, channel, payload: request });
    if (text === undefined) {
      return Promise.resolve(failure('bad-request', `The request for ${channel} is not JSON`));
    }
    return new Promise<Result<unknown>>((resolve) => {
      this.pending.set(id, resolve);
      this.write(socket, text);
    });
  }

  send(channel: SendChannel, payload: unknown): void {
    const text = encode({ t: 'send', channel, payload });
    // Sends have no answer: with no socket (or no JSON) there is nobody to tell.
    if (this.socket !== undefined && text !== undefined) this.write(this.socket, text);
  }

  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(channel);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    // A wrapper, so subscribing one function twice gives two independent subscriptions.
    const entry = (payload: unknown): void => listener(payload);
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  /** Stops for good: no reconnect; invokes still waiting get a 'network' error. */
  close(): void {
    if (this.currentStatus === 'closed') return;
    this.setStatus('closed');
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.dropSocket('The connection to Portside was closed.');
    socket?.close(CLOSE_NORMAL);
  }

  private connect(): void {
    this.reconnectTimer = undefined;
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch {
      // A malformed URL throws synchronously; treat it like a failed attempt.
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (this.socket !== socket) return;
      this.failedAttempts = 0;
      this.setStatus('open');
      const queued = this.outbox;
      this.outbox = [];
      for (const text of queued) socket.send(text);
    });
    socket.addEventListener('message', (event: MessageEvent) => {
      if (this.socket === socket && typeof event.data === 'string') this.receive(event.data);
    });
    // 'error' carries no detail in browsers and is always followed by 'close'.
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.dropSocket('The connection to Portside was lost; the request did not complete.');
      this.scheduleReconnect();
    });
  }

  private write(socket: WebSocket, text: string): void {
    if (socket.readyState === OPEN) socket.send(text);
    else if (socket.readyState === CONNECTING) this.outbox.push(text);
  }

  private receive(text: string): void {
    const message = parseServerMessage(text);
    if (message === undefined) return; // Not ours to act on; the host never sends garbage.
    if (message.t === 'result') {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message.result);
      return;
    }
    // A copy: a listener may unsubscribe (itself or another) while we iterate.
    for (const listener of [...(this.listeners.get(message.channel) ?? [])]) {
      try {
        listener(message.payload);
      } catch (error) {
        // One broken listener must not starve the others; rethrown so it is still reported.
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  private dropSocket(message: string): void {
    this.socket = undefined;
    this.outbox = [];
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const resolve of waiting) resolve(failure('network', message));
  }

  private scheduleReconnect(): void {
    if (this.currentStatus === 'closed') return;
    this.setStatus('reconnecting');
    const delay = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** this.failedAttempts);
    this.failedAttempts += 1;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private setStatus(status: TransportStatus): void {
    if (this.currentStatus === status) return;
    this.currentStatus = status;
    this.onStatusChange?.(status);
  }
}

function defaultUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

function encode(message: ClientMessage): string | undefined {
  try {
    return JSON.stringify(message);
  } catch {
    return undefined; // A cycle or a BigInt: a bug in the caller, answered as bad-request.
  }
}

function failure(code: ErrorCode, message: string): Result<unknown> {
  return err(code, message);
}
