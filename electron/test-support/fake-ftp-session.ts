// One control connection of the fake server: reads command lines, records them, runs them one
// at a time (delays and handler overrides applied), and owns the data connection that a
// PASV/EPSV/PORT/EPRT prepared for the next transfer.
import type net from 'node:net';
import type tls from 'node:tls';
import { runDefaultCommand } from './fake-ftp-commands.js';
import {
  connectActive,
  secureServerSocket,
  type PendingData,
  type SocketRegistry,
} from './fake-ftp-data.js';
import type { FakeTree } from './fake-ftp-tree.js';
import type {
  ActiveTarget,
  CommandContext,
  FakeFtpServerOptions,
  FakeSession,
} from './fake-ftp-types.js';

export type DataSocket = net.Socket | tls.TLSSocket;

/** What a session shares with the server and the other sessions. */
export interface ServerState extends SocketRegistry {
  readonly options: FakeFtpServerOptions;
  readonly tree: FakeTree;
  readonly secureContext: tls.SecureContext | null;
  readonly activeTargets: ActiveTarget[];
  record(line: string): void;
  openSessionCount(): number;
  sessionClosed(session: FtpSession): void;
}

/** Thrown by openData() after the failure has been answered on the control connection. */
export class DataConnectionError extends Error {
  override readonly name = 'DataConnectionError';
}

/** State of the command being run; ABOR reaches it while it transfers. */
interface Running {
  readonly controller: AbortController;
  readonly sockets: Set<net.Socket>;
  transferring: boolean;
}

const ignoreError = (): void => undefined;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve()));
}

/** Rejects as soon as the signal aborts; a value that arrives later is handed to `discard`. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal, discard: (v: T) => void) {
  promise.then((value) => signal.aborted && discard(value), ignoreError);
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(new Error('aborted'))),
    ),
  ]);
}

// Clients that follow RFC 959 §4.1.3 send ABOR after Telnet IP + Synch (IAC IP IAC DM);
// the verb starts after those bytes.
function stripTelnet(bytes: Buffer): Buffer {
  let start = 0;
  while (bytes[start] === 0xff && start + 1 < bytes.length) start += 2;
  while (bytes[start] === 0xf2) start += 1;
  return bytes.subarray(start);
}

export class Command implements CommandContext {
  readonly signal: AbortSignal;

  constructor(
    readonly session: FtpSession,
    readonly verb: string,
    readonly arg: string,
    private readonly run: Running,
  ) {
    this.signal = run.controller.signal;
  }

  // Arrow properties, so handlers may destructure: `({ reply }) => reply('…')`.
  readonly reply = (line: string): void => this.session.reply(line);
  readonly writeRaw = (data: string | Buffer): void => this.session.writeRaw(data);
  readonly defaultHandler = (): Promise<void> => runDefaultCommand(this);
  readonly upgradeToTls = (): Promise<void> => this.session.upgradeToTls();
  readonly close = (): void => this.session.close();

  readonly openData = async (): Promise<DataSocket> => {
    const raw = await this.acceptRaw();
    const socket = raw === null ? null : await this.secureRaw(raw);
    if (socket === null) throw new DataConnectionError('no data connection');
    return socket;
  };

  /** Waits for the TCP data connection; answers 425 and returns null when there is none. */
  readonly acceptRaw = async (): Promise<net.Socket | null> => {
    const session = this.session;
    const pending = session.takePendingData();
    if (pending === null) {
      this.reply('425 Use PORT or PASV first.');
      return null;
    }
    this.run.transferring = true;
    const timeoutMs = session.server.options.dataTimeoutMs ?? 10_000;
    const connecting =
      pending.kind === 'passive'
        ? pending.connection
        : connectActive(session.server, pending, timeoutMs);
    try {
      const socket = await abortable(connecting, this.signal, (s) => s.destroy());
      this.run.sockets.add(socket);
      return socket;
    } catch {
      if (pending.kind === 'passive') pending.dispose();
      if (!this.signal.aborted) this.reply("425 Can't open data connection.");
      return null;
    }
  };

  /** Adds TLS when PROT P is in effect; answers 522 and returns null when that fails. */
  readonly secureRaw = async (raw: net.Socket): Promise<DataSocket | null> => {
    const server = this.session.server;
    if (!this.session.protectData || server.secureContext === null) return raw;
    const timeoutMs = server.options.dataTimeoutMs ?? 10_000;
    let socket: tls.TLSSocket;
    try {
      const handshake = secureServerSocket(raw, server.secureContext, timeoutMs);
      socket = await abortable(handshake, this.signal, (s) => s.destroy());
    } catch {
      raw.destroy();
      if (!this.signal.aborted) this.reply('522 SSL connection failed.');
      return null;
    }
    this.run.sockets.add(socket);
    // vsftpd's require_ssl_reuse: proves the data connection comes from the same client
    // that authenticated on the control connection.
    if (server.options.tls?.requireSessionReuse === true && !socket.isSessionReused()) {
      socket.destroy();
      this.reply('522 SSL connection failed: session reuse required');
      return null;
    }
    return socket;
  };

  /** The transfer is over: from here on ABOR finds nothing to abort. */
  readonly transferDone = (): void => {
    this.run.transferring = false;
  };
}

export class FtpSession implements FakeSession {
  user: string | null = null;
  loggedIn = false;
  cwd = '/';
  transferType: 'A' | 'I' = 'A';
  restOffset = 0;
  secure = false;
  protectData = false;
  renameFrom: string | null = null;
  readonly commands: string[] = [];
  readonly remoteAddress: string;

  private socket: DataSocket;
  private input = Buffer.alloc(0);
  private holdInput = false;
  private queue: Promise<void> = Promise.resolve();
  private running: Running | null = null;
  private pendingData: PendingData | null = null;
  private readonly lifetime = new AbortController();

  constructor(
    readonly server: ServerState,
    readonly id: number,
    socket: net.Socket,
  ) {
    this.socket = socket;
    this.remoteAddress = socket.remoteAddress ?? '';
    socket.on('error', ignoreError);
  }

  get closed(): boolean {
    return this.lifetime.signal.aborted;
  }

  async start(): Promise<void> {
    const { options } = this.server;
    if (options.tls?.implicit === true) {
      // Implicit FTPS (port 990 style): TLS first, then the greeting.
      this.socket.on('close', this.cleanup);
      await this.upgradeToTls().catch(ignoreError);
      if (this.closed) return;
    } else {
      this.attach(this.socket);
    }
    if (
      options.maxConnections !== undefined &&
      this.server.openSessionCount() > options.maxConnections
    ) {
      this.socket.off('data', this.onData);
      this.reply('421 Too many connections');
      this.endControl();
      return;
    }
    const greeting = options.greeting === undefined ? '220 Fake FTP ready' : options.greeting;
    const delay = options.delays?.['GREETING'];
    if (greeting === null || delay === 'never') return;
    // Queued, so commands sent before the greeting wait for it, as on a slow real server.
    this.queue = this.queue.then(async () => {
      if (delay !== undefined) await sleep(delay, this.lifetime.signal);
      this.reply(greeting);
    });
  }

  reply(line: string): void {
    this.writeRaw(`${line}\r\n`);
  }

  writeRaw(data: string | Buffer): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(data);
  }

  /** Drops the control connection at once. */
  close(): void {
    this.socket.destroy();
    this.cleanup();
  }

  /** Ends the control connection after what was written (QUIT, 421). */
  endControl(): void {
    this.socket.end();
  }

  async upgradeToTls(): Promise<void> {
    const context = this.server.secureContext;
    if (context === null) throw new Error('upgradeToTls needs the fake server started with tls');
    const raw = this.socket as net.Socket;
    this.detach(raw);
    // Bytes that came after the AUTH line belong to the handshake; hand them back so the TLS
    // layer reads them (Node's TLSSocket drains what the wrapped socket has buffered).
    if (this.input.length > 0) {
      raw.pause();
      raw.unshift(this.input);
      this.input = Buffer.alloc(0);
    }
    try {
      const timeoutMs = this.server.options.dataTimeoutMs ?? 10_000;
      this.socket = await secureServerSocket(raw, context, timeoutMs);
    } catch (error) {
      this.close();
      throw error;
    }
    this.secure = true;
    this.attach(this.socket);
    if (raw.destroyed) this.close();
  }

  /** Replaces the prepared data connection (a second PASV closes the first listener). */
  setPendingData(pending: PendingData): void {
    if (this.pendingData?.kind === 'passive') this.pendingData.dispose();
    this.pendingData = pending;
  }

  takePendingData(): PendingData | null {
    const pending = this.pendingData;
    this.pendingData = null;
    return pending;
  }

  /** ABOR: stops the running transfer, if any. */
  abortTransfer(): boolean {
    const running = this.running;
    if (running === null || !running.transferring) return false;
    running.transferring = false;
    running.controller.abort();
    for (const socket of running.sockets) socket.destroy();
    return true;
  }

  private attach(socket: DataSocket): void {
    socket.on('data', this.onData);
    socket.on('close', this.cleanup);
    socket.on('error', ignoreError);
  }

  private detach(socket: DataSocket): void {
    socket.off('data', this.onData);
    socket.off('close', this.cleanup);
  }

  private readonly onData = (chunk: Buffer): void => {
    this.input = Buffer.concat([this.input, chunk]);
    this.drainLines();
  };

  private drainLines(): void {
    let end: number;
    while (!this.holdInput && (end = this.input.indexOf(0x0a)) !== -1) {
      let line = this.input.subarray(0, end);
      this.input = this.input.subarray(end + 1);
      if (line.at(-1) === 0x0d) line = line.subarray(0, -1);
      this.receive(line);
    }
  }

  private receive(bytes: Buffer): void {
    const line = bytes.toString('utf8');
    this.commands.push(line);
    this.server.record(line);
    const text = stripTelnet(bytes).toString('utf8');
    const space = text.indexOf(' ');
    const verb = (space === -1 ? text : text.slice(0, space)).toUpperCase();
    const arg = space === -1 ? '' : text.slice(space + 1);
    // ABOR must reach a transfer that is still running, so it jumps the queue (a real server
    // watches for it out of band, RFC 959 §4.1.3).
    if (verb === 'ABOR' && this.running?.transferring === true) {
      void this.execute(verb, arg, false);
      return;
    }
    // After AUTH the next bytes may be a TLS ClientHello, not a command: stop parsing until
    // AUTH is answered.
    if (verb === 'AUTH') this.holdInput = true;
    this.queue = this.queue.then(() => this.execute(verb, arg, true));
  }

  private async execute(verb: string, arg: string, inQueue: boolean): Promise<void> {
    if (this.closed) return;
    const { options } = this.server;
    const delay = options.delays?.[verb];
    if (delay === 'never') {
      // A hung server: this command is never answered and nothing after it is processed.
      if (inQueue) await untilAborted(this.lifetime.signal);
      return;
    }
    if (delay !== undefined) await sleep(delay, this.lifetime.signal);
    if (this.closed) return;
    const run: Running = {
      controller: new AbortController(),
      sockets: new Set(),
      transferring: false,
    };
    if (inQueue) this.running = run;
    const command = new Command(this, verb, arg, run);
    try {
      const handler = options.handlers?.[verb];
      await (handler === undefined ? runDefaultCommand(command) : handler(command));
    } catch (error) {
      if (
        !(error instanceof DataConnectionError) &&
        !this.closed &&
        !run.controller.signal.aborted
      ) {
        this.reply(`451 Fake server handler for ${verb} failed: ${String(error)}`.slice(0, 500));
      }
    } finally {
      if (inQueue) {
        this.running = null;
        // RFC 959: REST and RNFR apply to the command right after them only.
        if (verb !== 'REST') this.restOffset = 0;
        if (verb !== 'RNFR') this.renameFrom = null;
      }
      if (verb === 'AUTH') {
        this.holdInput = false;
        this.drainLines();
      }
    }
  }

  private readonly cleanup = (): void => {
    if (this.closed) return;
    this.lifetime.abort();
    this.running?.controller.abort();
    for (const socket of this.running?.sockets ?? []) socket.destroy();
    if (this.pendingData?.kind === 'passive') this.pendingData.dispose();
    this.pendingData = null;
    this.server.sessionClosed(this);
  };
}
