import { connect as netConnect, isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { ActiveListener, type ActiveOptions } from './active.js';
import type { ControlConnection, TaskControl } from './control-connection.js';
import { FtpError } from './errors.js';
import type { Logger } from './log.js';
import {
  choosePassiveHost,
  parseEpsvReply,
  parsePasvReply,
  type PassiveTarget,
} from './passive.js';
import type { PooledReceiver } from './pooled-receive.js';
import { isPositive, isPreliminary, type Reply } from './reply-parser.js';

export type DataMode = 'passive' | 'active';

/** The command that sets up a data connection: two passive ones, two active ones. */
export type DataMethod = 'EPSV' | 'PASV' | 'PORT' | 'EPRT';

/** How the last data connection was set up, for the connection doctor's report. */
export interface DataConnectionInfo {
  readonly method: DataMethod;
  /** The 227 address was replaced by the control peer's (see choosePassiveHost). */
  readonly rewrite:
    { readonly named: string; readonly reason: 'unroutable' | 'different-host' } | undefined;
  /** Under PROT P: whether the data connection resumed the control connection's TLS session. */
  readonly tlsResumed: boolean | undefined;
}

export interface DataOptions {
  readonly mode: DataMode;
  /** Try the other mode once when a data connection cannot be established. */
  readonly fallback: boolean;
  /** Use the address in a 227 reply even when it is not the control peer's. */
  readonly trustServerAddress: boolean;
  readonly active: ActiveOptions;
  readonly timeoutMs: number;
  /**
   * Use exactly this command and nothing else: no EPSV-to-PASV switch, no fallback to the
   * other mode. The connection doctor tries each method on its own this way.
   */
  readonly method?: DataMethod | undefined;
}

/** Wraps a fresh data socket in TLS (PROT P), or undefined for clear data (PROT C). */
export type DataSecurity = (socket: Socket) => Promise<Duplex>;

/** Moves the data: reads from or writes to the socket and resolves when its side is done. */
export type DataConsumer<T> = (socket: Duplex, preliminary: Promise<Reply>) => Promise<T>;

export interface DataResult<T> {
  readonly value: T;
  readonly reply: Reply;
}

/** The data connection could not be set up (as opposed to failing mid-transfer). */
class SetupFailed extends FtpError {}

interface Opened {
  /** The data socket, once the server is connected to us (active) or we to it (passive). */
  readonly socket: Promise<Socket>;
  close(): void;
}

/**
 * Opens data connections and runs one transfer command over each (RETR, STOR, LIST …).
 * The transfer succeeds only when both sides are done: the consumer finished with the data
 * stream and the server's final reply is 2xx (a 226 alone may come before the last bytes,
 * and a complete stream may still be followed by 426/451/552).
 */
export class DataConnector {
  private mode: DataMode;
  /** Set after the server refused EPSV, so PASV is sent straight away from then on. */
  private epsvRefused = false;
  private method: DataMethod | undefined;
  private last: DataConnectionInfo | undefined;

  constructor(
    private readonly control: ControlConnection,
    private readonly log: Logger,
    private readonly options: DataOptions,
    private readonly security: () => DataSecurity | undefined,
  ) {
    this.mode = options.mode;
    this.method = options.method;
    if (this.method !== undefined) this.mode = modeOf(this.method);
  }

  /** The last data connection that was set up (whether or not its transfer succeeded). */
  get lastConnection(): DataConnectionInfo | undefined {
    return this.last;
  }

  /** Forces one method from the next data connection on (undefined: back to the mode). */
  setMethod(method: DataMethod | undefined): void {
    this.method = method;
    if (method !== undefined) this.mode = modeOf(method);
  }

  get currentMode(): DataMode {
    return this.mode;
  }

  /** Switches the mode for the next data connection (the user flipped Force Passive mode). */
  setMode(mode: DataMode): void {
    this.mode = mode;
  }

  /**
   * Runs `command` over a new data connection. `restOffset` sends REST right before the
   * command, after PASV/PORT: RFC 959 §4.1.3 says REST must immediately precede the transfer
   * command, and some servers forget the offset when PASV comes in between. `receiver`
   * (downloads) reads a plain passive data socket into reused buffers; only the first
   * attempt uses it (`receiver.reads(socket)` tells the consumer), a fallback streams.
   */
  async run<T>(
    command: string,
    consume: DataConsumer<T>,
    signal?: AbortSignal,
    restOffset?: number,
    receiver?: PooledReceiver,
  ): Promise<DataResult<T>> {
    try {
      return await this.attempt(this.mode, command, consume, signal, restOffset, receiver);
    } catch (error) {
      const forced = this.method !== undefined;
      if (
        !(error instanceof SetupFailed) ||
        !this.options.fallback ||
        forced ||
        signal?.aborted === true
      ) {
        throw error;
      }
      const other: DataMode = this.mode === 'passive' ? 'active' : 'passive';
      this.log.status(
        `${capitalize(this.mode)} mode failed: ${error.message}. Falling back to ${other} mode.`,
      );
      this.mode = other;
      return await this.attempt(other, command, consume, signal, restOffset, undefined);
    }
  }

  private async attempt<T>(
    mode: DataMode,
    command: string,
    consume: DataConsumer<T>,
    signal: AbortSignal | undefined,
    restOffset: number | undefined,
    receiver: PooledReceiver | undefined,
  ): Promise<DataResult<T>> {
    signal?.throwIfAborted();
    const opened =
      mode === 'passive' ? await this.openPassive(signal, receiver) : await this.openActive(signal);
    if (restOffset !== undefined && restOffset > 0) {
      const reply = await this.control.send(`REST ${restOffset}`).catch((error: unknown) => {
        opened.close();
        throw error;
      });
      if (reply.code !== 350) {
        opened.close();
        throw new FtpError(
          'refused-by-server',
          `The server cannot resume transfers (REST): ${reply.message}`,
          { reply },
        );
      }
    }
    return await this.exchange(opened, command, consume, signal);
  }

  private async openPassive(
    signal: AbortSignal | undefined,
    receiver: PooledReceiver | undefined,
  ): Promise<Opened> {
    const peer = this.control.rawSocket.remoteAddress ?? '';
    const { target, method } = await this.requestPassive(peer);
    const chosen = choosePassiveHost(target, peer, this.options.trustServerAddress);
    this.last = {
      method,
      rewrite:
        chosen.replaced === undefined
          ? undefined
          : { named: target.host ?? '', reason: chosen.replaced },
      tlsResumed: undefined,
    };
    if (chosen.replaced === 'unroutable') {
      this.log.status(
        'Server sent passive reply with unroutable address. Using server address instead.',
      );
    } else if (chosen.replaced === 'different-host') {
      this.log.status(
        `Server named ${target.host ?? ''} for the data connection; connecting to ${peer} instead.`,
      );
    }
    // Under PROT P the TLS layer must read the socket itself: no pooled reads then.
    const pooled = this.security() === undefined ? receiver : undefined;
    const socket = await connectData(
      chosen.host,
      target.port,
      this.options.timeoutMs,
      signal,
      pooled,
    );
    return { socket: Promise.resolve(socket), close: () => socket.destroy() };
  }

  /**
   * Asks for a passive port, once more when the server could not open one (425): ProFTPD
   * 1.3.8 answers `425 EPSV: Address already in use` now and then when several sessions
   * from one client ask for passive ports at the same moment (two of its processes race
   * for one port of its PassivePorts range); the next request gets another port.
   */
  private async requestPassive(
    peer: string,
  ): Promise<{ target: PassiveTarget; method: DataMethod }> {
    try {
      return await this.requestPassiveOnce(peer);
    } catch (error) {
      if (!(error instanceof FtpError) || error.reply?.code !== 425) throw error;
      this.log.status(`${error.message}; asking for another passive port`);
      return await this.requestPassiveOnce(peer);
    }
  }

  /**
   * EPSV first (RFC 2428; the only choice over IPv6), PASV when the server refuses it; a
   * forced method sends only itself.
   */
  private async requestPassiveOnce(
    peer: string,
  ): Promise<{ target: PassiveTarget; method: DataMethod }> {
    const forced = this.method;
    if (forced === 'PASV' && isIP(peer) === 6) {
      throw new SetupFailed('invalid-argument', 'PASV cannot name an IPv6 address; use EPSV');
    }
    if (forced === 'EPSV' || (forced === undefined && (!this.epsvRefused || isIP(peer) === 6))) {
      const reply = await this.control.send('EPSV');
      if (reply.code === 229) return { target: parseEpsvReply(reply), method: 'EPSV' };
      if (forced !== undefined || isIP(peer) === 6 || reply.code < 500)
        throw refusedSetup(reply, 'EPSV');
      this.epsvRefused = true;
    }
    const reply = await this.control.send('PASV');
    if (reply.code === 227) return { target: parsePasvReply(reply), method: 'PASV' };
    throw refusedSetup(reply, 'PASV');
  }

  private async openActive(signal: AbortSignal | undefined): Promise<Opened> {
    const socket = this.control.rawSocket;
    const local = socket.localAddress ?? '127.0.0.1';
    const peer = socket.remoteAddress ?? '';
    const listener = await ActiveListener.open(local, peer, this.options.active, this.log);
    const announced = this.options.active.externalAddress ?? local;
    let command: string;
    try {
      command = listener.command(announced, this.method);
    } catch (error) {
      listener.close();
      throw new SetupFailed('invalid-argument', (error as Error).message, { cause: error });
    }
    this.last = {
      method: command.startsWith('EPRT') ? 'EPRT' : 'PORT',
      rewrite: undefined,
      tlsResumed: undefined,
    };
    const reply = await this.control.send(command).catch((error: unknown) => {
      listener.close();
      throw error;
    });
    if (!isPositive(reply)) {
      listener.close();
      throw refusedSetup(reply, command.split(' ', 1)[0] ?? 'PORT');
    }
    const accepted = listener.accept(this.options.timeoutMs, signal);
    accepted.catch(() => undefined);
    return {
      socket: accepted,
      close: () => {
        listener.close();
        accepted.then((s) => s.destroy()).catch(() => undefined);
      },
    };
  }

  private async exchange<T>(
    opened: Opened,
    command: string,
    consume: DataConsumer<T>,
    signal: AbortSignal | undefined,
  ): Promise<DataResult<T>> {
    let task: TaskControl<Reply> | undefined;
    let final: Reply | undefined;
    let aborting = false;
    let abortedFinal: Reply | undefined;
    let resolvePreliminary: (reply: Reply) => void = () => undefined;
    const preliminary = new Promise<Reply>((resolve) => (resolvePreliminary = resolve));

    const done = this.control.run<Reply>(
      command,
      (reply, control) => {
        task = control;
        if (aborting) {
          // After ABOR a server sends the transfer's final reply, then ABOR's own (225/226);
          // some merge them. A NOOP after the first settles it: its 200 is the last reply.
          // Seen on real servers: vsftpd `426 Failure writing network stream.` then `225 No
          // transfer to ABOR.`; ProFTPD over TLS `226 Abort successful` *before* the upload's
          // multi-line `426-Transfer aborted…`; Pure-FTPd a stray `150 0.029 seconds
          // (measured here)…` after a cut download, then `226 Since you see this ABOR
          // must've succeeded`. Replies are whole (multi-line ones too, like Pure-FTPd's
          // `226-File successfully transferred` / `226 0.017 seconds…`), so codes suffice.
          if (isPreliminary(reply)) return;
          if (abortedFinal === undefined) {
            abortedFinal = reply;
            control.write('NOOP');
          } else if (reply.code === 200) {
            control.resolve(abortedFinal);
          }
          return;
        }
        if (isPreliminary(reply)) {
          resolvePreliminary(reply);
          // Data is flowing: the data socket's idle timeout takes over from the reply timer.
          control.disarmTimer();
          return;
        }
        final = reply;
        control.resolve(reply);
      },
      (control) => (task = control),
    );

    const abortTransfer = (): void => {
      if (final !== undefined || aborting || task === undefined) return;
      aborting = true;
      task.write('ABOR');
      task.armTimer();
    };

    let socket: Duplex | undefined;
    const onAbort = (): void => {
      socket?.destroy();
      opened.close();
      abortTransfer();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const connected = opened.socket.then(async (raw) => {
        raw.setTimeout(this.options.timeoutMs, () =>
          raw.destroy(
            new FtpError(
              'timeout',
              `The data connection stalled: nothing moved for ${Math.round(this.options.timeoutMs / 1000)} seconds`,
            ),
          ),
        );
        const secure = this.security();
        if (secure === undefined) return raw;
        const secured = await secure(raw);
        if (this.last !== undefined && secured instanceof TLSSocket)
          this.last = { ...this.last, tlsResumed: secured.isSessionReused() };
        return secured;
      });
      connected.catch(() => undefined);
      const first = await Promise.race([connected.then(() => undefined), done]);
      if (first !== undefined && !isPositive(first)) {
        opened.close();
        throw replyError(first, command);
      }
      socket = await connected.catch((error: unknown) => {
        if (final === undefined) abortTransfer();
        throw error instanceof FtpError && error.code === 'timeout' && !aborting
          ? new SetupFailed('timeout', error.message, { cause: error })
          : error;
      });
      let value: T;
      try {
        value = await consume(socket, preliminary);
      } catch (error) {
        socket.destroy();
        abortTransfer();
        await done.catch(() => undefined);
        if (signal?.aborted === true) throw new FtpError('cancelled', 'Transfer cancelled');
        // A server that refuses the data connection after accepting it says why in its reply,
        // which is the reason to report, not the short read it caused. vsftpd closes the data
        // connection of a TLS session it will not resume, answers `522 SSL connection failed:
        // session reuse required` and then closes the control connection; ProFTPD answers
        // `425 Unable to build data connection: Operation not permitted` and goes on.
        const answer = final ?? abortedFinal;
        if (answer !== undefined && (answer.code === 522 || answer.code === 425)) {
          const refused = replyError(answer, command);
          // Thrown as a plain FtpError: the transfer had started, so no fallback to the
          // other data mode (which would rerun it into a destination that is closed now).
          throw new FtpError(refused.code, refused.message, { reply: answer, cause: error });
        }
        throw error;
      }
      if (final === undefined) task?.armTimer();
      const reply = await done;
      if (!isPositive(reply)) throw replyError(reply, command);
      return { value, reply };
    } catch (error) {
      if (signal?.aborted === true && !(error instanceof FtpError && error.code === 'cancelled')) {
        await done.catch(() => undefined);
        throw new FtpError('cancelled', 'Transfer cancelled', { cause: error });
      }
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      opened.close();
    }
  }
}

function connectData(
  host: string,
  port: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  receiver: PooledReceiver | undefined,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port, onread: receiver?.onread() });
    receiver?.bind(socket);
    const fail = (error: FtpError): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () =>
        fail(
          new SetupFailed(
            'timeout',
            `The data connection to ${host}:${port} could not be opened within ${Math.round(timeoutMs / 1000)} seconds — a firewall may be blocking passive ports`,
          ),
        ),
      timeoutMs,
    );
    const onAbort = (): void => fail(new FtpError('cancelled', 'Transfer cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      resolve(socket);
    });
    const onError = (error: Error): void =>
      fail(
        new SetupFailed(
          'network',
          `The data connection to ${host}:${port} failed: ${error.message}`,
          { cause: error },
        ),
      );
    socket.once('error', onError);
  });
}

function refusedSetup(reply: Reply, what: string): FtpError {
  return new SetupFailed('refused-by-server', `The server refused ${what}: ${reply.message}`, {
    reply,
  });
}

/** 425 means the server could not open the data connection: set-up, so fallback applies. */
function replyError(reply: Reply, command: string): FtpError {
  const verb = command.split(' ', 1)[0] ?? command;
  if (reply.code === 522) {
    return new FtpError(
      'tls',
      `The server refused the data connection's TLS session (${reply.message}); it requires TLS session reuse`,
      { reply },
    );
  }
  if (reply.code === 425) {
    return new SetupFailed(
      'network',
      `The server could not open the data connection: ${reply.message}`,
      { reply },
    );
  }
  const what: Record<number, string> = {
    426: 'The transfer was aborted by the server',
    451: 'The server hit a local error during the transfer',
    452: 'The server is out of storage space',
    552: 'The server refused to store more data (quota or file size limit)',
  };
  const message = what[reply.code] ?? `The server refused ${verb}`;
  return new FtpError('refused-by-server', `${message}: ${reply.message}`, { reply });
}

function modeOf(method: DataMethod): DataMode {
  return method === 'EPSV' || method === 'PASV' ? 'passive' : 'active';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
