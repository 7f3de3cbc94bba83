import { StringDecoder } from 'node:string_decoder';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { commandForLog } from './command.js';
import { FtpError } from './errors.js';
import type { Logger } from './log.js';
import { isPreliminary, parseReplies, type Reply } from './reply-parser.js';

/**
 * What a task does with each reply. It may resolve or reject its task, write follow-up
 * commands (ABOR, NOOP) and move the reply timer: a transfer disarms it while data flows
 * (the data socket has its own timeout) and re-arms it when the data is done.
 */
export type ReplyHandler<T> = (reply: Reply, task: TaskControl<T>) => void;

export interface TaskControl<T> {
  resolve(value: T): void;
  reject(error: FtpError): void;
  write(command: string): void;
  armTimer(): void;
  disarmTimer(): void;
}

interface Task {
  readonly command: string | undefined;
  readonly handler: ReplyHandler<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: FtpError) => void;
  readonly onStart: ((task: TaskControl<unknown>) => void) | undefined;
}

/**
 * The control connection: one command in flight, the rest queued behind it (RFC 959 has no
 * pipelining guarantees, and servers like vsftpd read one command at a time). Replies are
 * parsed with the pure parser and delivered to the task in flight. The reply timer is armed
 * only while a reply is expected, so an idle connection never times out on its own.
 */
export class ControlConnection {
  private socket: Socket | TLSSocket;
  private decoder = new StringDecoder('utf8');
  private buffer = '';
  private current: Task | undefined;
  private readonly queue: Task[] = [];
  private timer: NodeJS.Timeout | undefined;
  private failure: FtpError | undefined;
  private lastActivity = Date.now();
  /** Replies that arrived with no task waiting, since the last command was written. */
  private strayReplies = 0;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private readonly closeListeners = new Set<(error: FtpError) => void>();

  constructor(
    socket: Socket | TLSSocket,
    private readonly log: Logger,
    private readonly replyTimeoutMs: number,
  ) {
    this.socket = socket;
    this.attach(socket);
  }

  get rawSocket(): Socket | TLSSocket {
    return this.socket;
  }

  get isClosed(): boolean {
    return this.failure !== undefined;
  }

  /** Whether a task is running or waiting: used by the keep-alive and by idle checks. */
  get isBusy(): boolean {
    return this.current !== undefined || this.queue.length > 0;
  }

  onClose(listener: (error: FtpError) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Runs a task: writes `command` (if any) when its turn comes and feeds it every reply. */
  run<T>(
    command: string | undefined,
    handler: ReplyHandler<T>,
    onStart?: (task: TaskControl<T>) => void,
  ): Promise<T> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        command,
        handler: handler as ReplyHandler<unknown>,
        resolve: resolve as (value: unknown) => void,
        reject,
        onStart: onStart as ((task: TaskControl<unknown>) => void) | undefined,
      });
      this.next();
    });
  }

  /** Sends a command and resolves with its final (non-1xx) reply, whatever its code. */
  send(command: string): Promise<Reply> {
    return this.run<Reply>(command, (reply, task) => {
      if (!isPreliminary(reply)) task.resolve(reply);
    });
  }

  /** Waits for the welcome message. 120 means "wait", 220 is ready, anything else refuses. */
  readGreeting(): Promise<Reply> {
    return this.run<Reply>(undefined, (reply, task) => {
      if (reply.code === 120) return;
      if (reply.code === 220) task.resolve(reply);
      else task.reject(refusedGreeting(reply));
    });
  }

  /**
   * Swaps the socket for a TLS socket wrapping it (after `234` to AUTH TLS). Anything the
   * server sent after the 234 and before the handshake would be read as plaintext by a
   * careless client: that is an injection attempt, so it aborts the connection.
   */
  async upgrade(connect: (socket: Socket) => Promise<TLSSocket>): Promise<void> {
    if (this.buffer.length > 0 || this.strayReplies > 0) {
      const error = new FtpError(
        'tls',
        'The server sent data after accepting AUTH TLS and before the TLS handshake; the connection was closed to prevent command injection',
      );
      this.destroy(error);
      throw error;
    }
    const plain = this.socket as Socket;
    this.detach(plain);
    const secure = await connect(plain).catch((error: unknown) => {
      const failure =
        error instanceof FtpError ? error : new FtpError('tls', String(error), { cause: error });
      this.destroy(failure);
      throw failure;
    });
    this.decoder = new StringDecoder('utf8');
    this.socket = secure;
    this.attach(secure);
  }

  /** Closes the connection at once; pending tasks fail with `error`. */
  destroy(error: FtpError = new FtpError('network', 'Connection closed')): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.disarmTimer();
    this.stopKeepAlive();
    this.socket.destroy();
    const tasks = [...(this.current === undefined ? [] : [this.current]), ...this.queue];
    this.current = undefined;
    this.queue.length = 0;
    for (const task of tasks) task.reject(error);
    for (const listener of this.closeListeners) listener(error);
  }

  /** Sends NOOP after `intervalMs` of idleness, so NAT boxes and servers keep us around. */
  startKeepAlive(intervalMs: number): void {
    this.stopKeepAlive();
    this.keepAliveTimer = setInterval(
      () => {
        if (this.isBusy || this.isClosed || Date.now() - this.lastActivity < intervalMs) return;
        this.send('NOOP').catch(() => undefined);
      },
      Math.max(1000, Math.floor(intervalMs / 2)),
    );
    this.keepAliveTimer.unref();
  }

  stopKeepAlive(): void {
    if (this.keepAliveTimer !== undefined) clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
  }

  armTimer(): void {
    this.disarmTimer();
    const command = this.current?.command;
    this.timer = setTimeout(() => {
      const seconds = Math.round(this.replyTimeoutMs / 1000);
      const what =
        command === undefined
          ? 'the welcome message'
          : `a reply to ${commandForLog(command).split(' ')[0]}`;
      this.log.error(`Connection timed out after ${seconds} seconds of inactivity`);
      this.destroy(
        new FtpError('timeout', `The server did not send ${what} within ${seconds} seconds`),
      );
    }, this.replyTimeoutMs);
  }

  disarmTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private next(): void {
    if (this.current !== undefined || this.failure !== undefined) return;
    const task = this.queue.shift();
    if (task === undefined) return;
    this.current = task;
    if (task.command !== undefined) this.write(task.command);
    this.armTimer();
    task.onStart?.(this.control(task));
  }

  private write(command: string): void {
    this.lastActivity = Date.now();
    this.strayReplies = 0;
    if (this.log.enabled) this.log.command(commandForLog(command));
    this.socket.write(`${command}\r\n`, 'utf8');
  }

  private finish(task: Task): void {
    if (this.current !== task) return;
    this.current = undefined;
    this.disarmTimer();
    this.next();
  }

  private control(task: Task): TaskControl<unknown> {
    return {
      resolve: (value) => {
        if (this.current !== task) return;
        this.finish(task);
        task.resolve(value);
      },
      reject: (error) => {
        if (this.current !== task) return;
        this.finish(task);
        task.reject(error);
      },
      write: (command) => this.write(command),
      armTimer: () => this.armTimer(),
      disarmTimer: () => this.disarmTimer(),
    };
  }

  private readonly onData = (chunk: Buffer): void => {
    this.lastActivity = Date.now();
    this.buffer += this.decoder.write(chunk);
    const outcome = parseReplies(this.buffer);
    if (!outcome.ok) {
      this.log.error(outcome.error);
      this.destroy(new FtpError('protocol', outcome.error));
      return;
    }
    this.buffer = outcome.rest;
    for (const reply of outcome.replies) {
      if (this.failure !== undefined) return;
      for (const line of reply.lines) this.log.response(line);
      const task = this.current;
      if (task === undefined) {
        this.unsolicited(reply);
        continue;
      }
      // Any reply proves the server is alive: restart the clock for the next one.
      if (this.timer !== undefined) this.armTimer();
      task.handler(reply, this.control(task));
    }
  };

  /** A reply nobody asked for: a server about to close an idle connection says 421. */
  private unsolicited(reply: Reply): void {
    this.strayReplies += 1;
    if (reply.code === 421) {
      this.destroy(
        new FtpError('network', `The server closed the connection: ${reply.message}`, { reply }),
      );
    }
  }

  private readonly onError = (error: Error): void => {
    this.destroy(new FtpError('network', `Connection error: ${error.message}`, { cause: error }));
  };

  private readonly onEnd = (): void => {
    const quitting = this.current?.command === 'QUIT';
    if (quitting) {
      const task = this.current as Task;
      this.current = undefined;
      task.resolve(undefined);
    }
    this.destroy(new FtpError('network', 'The server closed the connection'));
  };

  private attach(socket: Socket): void {
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
  }

  private detach(socket: Socket): void {
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('end', this.onEnd);
    socket.off('close', this.onEnd);
  }
}

function refusedGreeting(reply: Reply): FtpError {
  if (reply.code === 421) {
    return new FtpError(
      'refused-by-server',
      `The server refused the connection: ${reply.message}`,
      { reply },
    );
  }
  return new FtpError('protocol', `Unexpected welcome message: ${reply.message}`, { reply });
}
