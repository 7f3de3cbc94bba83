import type { Readable, Writable } from 'node:stream';
import type { RemoteEntry } from '../../shared/models/remote-entry.js';
import { formatCommand } from './command.js';
import { resolveTimeouts, type ConnectOptions, type Timeouts } from './connect-options.js';
import type { ControlConnection } from './control-connection.js';
import {
  DataConnector,
  type DataConnectionInfo,
  type DataMethod,
  type DataMode,
  type DataSecurity,
} from './data-connector.js';
import { FtpError } from './errors.js';
import type { Features } from './features.js';
import { parseListing } from './listing/index.js';
import { Logger } from './log.js';
import { parsePwdReply } from './pwd.js';
import { isPositive, type Reply } from './reply-parser.js';
import { establishSession, type EstablishedSession } from './session-setup.js';
import { PooledReceiver, type Received } from './pooled-receive.js';
import { isLocalFile, sendPooled, sendsPooled, type LocalFileSource } from './pooled-send.js';
import { ByteCounter, collect, receive, send, type ProgressListener } from './streams.js';
import { secureData, type CertificateInfo } from './tls.js';

/** A listing bigger than this is refused (a hostile or broken server could stream forever). */
export const MAX_LISTING_BYTES = 40 * 1024 * 1024;

export interface Listing {
  readonly path: string;
  readonly entries: readonly RemoteEntry[];
  readonly parser: string;
}

export interface TransferOptions {
  /** Resume: skip this many bytes of the remote file (download) or append after them (upload). */
  readonly offset?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ProgressListener | undefined;
  /** Size of the remote file, when the caller knows it from a listing (saves a SIZE). */
  readonly remoteSize?: number | undefined;
  /** 'binary' (TYPE I, the default) moves bytes as they are; 'ascii' (TYPE A) converts line ends. */
  readonly type?: 'binary' | 'ascii' | undefined;
}

export interface TransferResult {
  readonly bytes: number;
  readonly reply: Reply;
}

/**
 * One logged-in FTP connection. Operations run one at a time (a transfer owns the control
 * connection until its final reply), in the order they were called.
 */
export class FtpClient {
  private lock: Promise<unknown> = Promise.resolve();
  private type: 'A' | 'I' | undefined;
  private readonly data: DataConnector;
  private listCommand: 'MLSD' | 'LIST -a' | 'LIST';

  private constructor(
    private readonly session: EstablishedSession,
    private readonly log: Logger,
    private readonly options: ConnectOptions,
    private readonly timeouts: Timeouts,
  ) {
    this.listCommand = session.features.mlst && options.mlsd !== false ? 'MLSD' : 'LIST -a';
    this.data = new DataConnector(
      session.connection,
      log,
      {
        mode: options.mode ?? 'passive',
        fallback: options.fallback ?? true,
        trustServerAddress: options.trustServerAddress ?? false,
        active: options.active ?? {},
        timeoutMs: timeouts.dataMs,
        method: options.dataMethod,
      },
      () => this.dataSecurity(),
    );
    if (options.keepAliveMs !== undefined) session.connection.startKeepAlive(options.keepAliveMs);
  }

  static async connect(options: ConnectOptions): Promise<FtpClient> {
    const log = new Logger(options.log);
    const timeouts = resolveTimeouts(options.timeouts);
    try {
      const session = await establishSession(options, log, timeouts);
      return new FtpClient(session, log, options, timeouts);
    } catch (error) {
      if (error instanceof FtpError) log.error(error.message);
      throw error;
    }
  }

  get features(): Features {
    return this.session.features;
  }
  get system(): string | undefined {
    return this.session.system;
  }
  get secure(): boolean {
    return this.session.secure;
  }
  get dataMode(): DataMode {
    return this.data.currentMode;
  }
  /** Uses `mode` from the next data connection on; the control connection stays as it is. */
  setDataMode(mode: DataMode): void {
    this.data.setMode(mode);
  }
  /** Forces one data-connection command (no fallback) from the next one on; undefined undoes it. */
  setDataMethod(method: DataMethod | undefined): void {
    this.data.setMethod(method);
  }
  /** How the last data connection was set up: method, PASV rewrite, TLS resumption. */
  get lastDataConnection(): DataConnectionInfo | undefined {
    return this.data.lastConnection;
  }
  /** The listing command in use; MLSD is only chosen when FEAT lists MLST. */
  get listingCommand(): 'MLSD' | 'LIST -a' | 'LIST' {
    return this.listCommand;
  }
  /** Lists with MLSD or LIST from now on (the connection doctor tries both). */
  setListingCommand(command: 'MLSD' | 'LIST -a' | 'LIST'): void {
    this.listCommand = command;
  }
  /** The control connection's certificate and TLS version, when it is encrypted. */
  get tls(): { readonly certificate: CertificateInfo; readonly protocol: string } | undefined {
    const { certificate, tlsProtocol } = this.session;
    return certificate === undefined
      ? undefined
      : { certificate, protocol: tlsProtocol ?? 'unknown' };
  }
  /** Data connections are encrypted (the server accepted PROT P). */
  get protectsData(): boolean {
    return this.session.protectData;
  }
  get closed(): boolean {
    return this.connection.isClosed;
  }
  onClose(listener: (error: FtpError) => void): () => void {
    return this.connection.onClose(listener);
  }

  async pwd(): Promise<string> {
    return this.exclusive(async () => parsePwdReply(await this.connection.send('PWD')));
  }

  async cd(path: string): Promise<void> {
    return this.exclusive(() =>
      this.expect(formatCommand('CWD', path), `change to folder "${path}"`),
    ).then(() => undefined);
  }

  async cdup(): Promise<void> {
    return this.exclusive(() => this.expect('CDUP', 'go to the parent folder')).then(
      () => undefined,
    );
  }

  /**
   * Lists `path` (default: the current folder). MLSD takes the path as an argument; for LIST
   * the client changes into the folder and lists it without arguments, because `LIST -x`
   * would be read as ls options by many servers (a folder named "-la" must still work).
   */
  async list(path?: string, signal?: AbortSignal): Promise<Listing> {
    return this.exclusive(async () => {
      this.log.status(
        path === undefined
          ? 'Retrieving directory listing...'
          : `Retrieving directory listing of "${path}"...`,
      );
      const here = parsePwdReply(await this.connection.send('PWD'));
      const target = path ?? here;
      if (this.listCommand !== 'MLSD' && path !== undefined)
        await this.expect(formatCommand('CWD', path), `open folder "${path}"`);
      try {
        const text = await this.readListing(path, signal);
        const result = parseListing(text, {
          format: this.listCommand === 'MLSD' ? 'mlsd' : 'list',
        });
        // `.` and `..` are in every `LIST -a`; anything else dropped is worth a line.
        for (const name of result.dropped.filter((n) => n !== '.' && n !== '..')) {
          this.log.status(`Ignored unsafe name in listing: ${JSON.stringify(name)}`);
        }
        for (const line of result.unparsed)
          this.log.status(`Could not parse listing line: ${line}`);
        this.log.status('Directory listing successful');
        return { path: target, entries: result.entries, parser: result.parser };
      } finally {
        if (this.listCommand !== 'MLSD' && path !== undefined && !this.closed) {
          await this.connection.send(formatCommand('CWD', here));
        }
      }
    });
  }

  async download(
    remotePath: string,
    destination: Writable,
    options: TransferOptions = {},
  ): Promise<TransferResult> {
    const command = formatCommand('RETR', remotePath);
    // Timed from when this transfer has the connection, not from when it started waiting.
    let started = 0;
    // The connection is held for the network part only; the destination may still be
    // flushing (and closing its file) while the next command goes out.
    const { value, reply } = await this.exclusive(async () => {
      started = Date.now();
      const ascii = options.type === 'ascii';
      await this.ensureType(ascii ? 'A' : 'I');
      const offset = options.offset ?? 0;
      // In ASCII mode the byte count depends on line-end conversion: no size checks.
      const size = ascii ? undefined : (options.remoteSize ?? (await this.querySize(remotePath)));
      const expected = size === undefined ? undefined : size - offset;
      const counter = new ByteCounter(expected, expected, options.onProgress);
      const receiver = new PooledReceiver();
      return this.data.run(
        command,
        (socket) =>
          receiver.reads(socket)
            ? receiver.receive(destination, counter)
            : receive(socket, destination, counter).then(flushedAlready),
        options.signal,
        offset,
        receiver,
      );
    });
    await value.flushed.catch((error: unknown) => {
      if (error instanceof FtpError) this.log.error(error.message);
      throw error;
    });
    this.logSuccess(value.bytes, started);
    return { bytes: value.bytes, reply };
  }

  /**
   * Uploads `source`: a stream, or an open local file, which is sent from reused buffers
   * (pooled-send.ts) when the data socket allows it.
   */
  async upload(
    source: Readable | LocalFileSource,
    remotePath: string,
    options: TransferOptions = {},
  ): Promise<TransferResult> {
    return this.exclusive(async () => {
      await this.ensureType(options.type === 'ascii' ? 'A' : 'I');
      const offset = options.offset ?? 0;
      // RFC 3659 §5: REST STREAM + STOR writes from the offset; servers without it take APPE.
      const useRest = offset > 0 && this.features.restStream;
      const command = formatCommand(offset > 0 && !useRest ? 'APPE' : 'STOR', remotePath);
      const counter = new ByteCounter(undefined, undefined, options.onProgress);
      const started = Date.now();
      const { value: bytes, reply } = await this.data.run(
        command,
        (socket) =>
          isLocalFile(source)
            ? sendsPooled(socket)
              ? sendPooled(source, socket, counter)
              : send(
                  source.handle.createReadStream({ start: source.start, autoClose: false }),
                  socket,
                  counter,
                )
            : send(source, socket, counter),
        options.signal,
        useRest ? offset : undefined,
      );
      this.logSuccess(bytes, started);
      return { bytes, reply };
    });
  }

  /** SIZE (RFC 3659 §4), in binary mode so the server counts bytes, not lines. */
  async size(path: string): Promise<number | undefined> {
    return this.exclusive(async () => {
      await this.ensureType('I');
      return this.querySize(path);
    });
  }

  /** MDTM (RFC 3659 §3): the modification time in UTC, or undefined when unsupported. */
  async lastModified(path: string): Promise<Date | undefined> {
    return this.exclusive(async () => {
      const reply = await this.connection.send(formatCommand('MDTM', path));
      const match = /^213 (\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)/.exec(reply.message);
      if (match === null) return undefined;
      const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
      return new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
    });
  }

  /** MFMT (draft-somers-ftp-mfxx): sets the modification time; false when unsupported. */
  async setLastModified(path: string, time: Date): Promise<boolean> {
    return this.exclusive(async () => {
      if (!this.features.mfmt) return false;
      const stamp = time.toISOString().replace(/[-:T]/g, '').slice(0, 14);
      const reply = await this.connection.send(formatCommand('MFMT', `${stamp} ${path}`));
      return isPositive(reply);
    });
  }

  async mkdir(path: string): Promise<void> {
    return this.simple(formatCommand('MKD', path), `create folder "${path}"`);
  }
  async rmdir(path: string): Promise<void> {
    return this.simple(formatCommand('RMD', path), `remove folder "${path}"`);
  }
  async remove(path: string): Promise<void> {
    return this.simple(formatCommand('DELE', path), `delete "${path}"`);
  }
  async chmod(path: string, mode: string): Promise<void> {
    if (!/^[0-7]{3,4}$/.test(mode))
      throw new FtpError('invalid-argument', `Not an octal mode: ${mode}`);
    return this.simple(
      formatCommand('SITE', `CHMOD ${mode} ${path}`),
      `change permissions of "${path}"`,
    );
  }

  async rename(from: string, to: string): Promise<void> {
    const rnfr = formatCommand('RNFR', from);
    const rnto = formatCommand('RNTO', to);
    return this.exclusive(async () => {
      await this.expect(rnfr, `rename "${from}"`, 350);
      await this.expect(rnto, `rename "${from}" to "${to}"`);
    });
  }

  /** Says goodbye politely; the connection is closed either way. */
  async quit(): Promise<void> {
    if (this.closed) return;
    await this.exclusive(() => this.connection.send('QUIT')).catch(() => undefined);
    this.connection.destroy();
  }

  close(): void {
    this.connection.destroy(new FtpError('cancelled', 'Connection closed by the client'));
  }

  private get connection(): ControlConnection {
    return this.session.connection;
  }

  private dataSecurity(): DataSecurity | undefined {
    const { protectData, tlsSession, certificateFingerprint } = this.session;
    if (!protectData) return undefined;
    const host = this.options.host;
    return (socket) =>
      secureData(
        socket,
        host,
        tlsSession?.session,
        certificateFingerprint ?? '',
        this.options.tlsOptions ?? {},
        this.timeouts.dataMs,
      );
  }

  private async readListing(
    path: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    await this.ensureType('I');
    const command =
      this.listCommand === 'MLSD' && path !== undefined
        ? formatCommand('MLSD', path)
        : this.listCommand;
    try {
      const { value } = await this.data.run(
        command,
        (socket) => collect(socket, MAX_LISTING_BYTES, 'directory listing'),
        signal,
      );
      return value.toString('utf8');
    } catch (error) {
      // Some servers reject `LIST -a` (501/500): plain LIST from then on.
      const code = error instanceof FtpError ? error.reply?.code : undefined;
      if (this.listCommand !== 'LIST -a' || code === undefined || code < 500 || code === 550)
        throw error;
      this.listCommand = 'LIST';
      const { value } = await this.data.run(
        'LIST',
        (socket) => collect(socket, MAX_LISTING_BYTES, 'directory listing'),
        signal,
      );
      return value.toString('utf8');
    }
  }

  private async querySize(path: string): Promise<number | undefined> {
    if (!this.features.size) return undefined;
    const reply = await this.connection.send(formatCommand('SIZE', path));
    const match = /^213 (\d+)/.exec(reply.message);
    return match === null ? undefined : Number(match[1]);
  }

  private async ensureType(type: 'A' | 'I'): Promise<void> {
    if (this.type === type) return;
    await this.expect(`TYPE ${type}`, `set transfer type ${type}`);
    this.type = type;
  }

  private simple(command: string, what: string): Promise<void> {
    return this.exclusive(() => this.expect(command, what)).then(() => undefined);
  }

  private async expect(command: string, what: string, code?: number): Promise<Reply> {
    const reply = await this.connection.send(command);
    const ok = code === undefined ? isPositive(reply) : reply.code === code;
    if (!ok)
      throw new FtpError('refused-by-server', `Could not ${what}: ${reply.message}`, { reply });
    return reply;
  }

  private logSuccess(bytes: number, started: number): void {
    // toLocaleString goes through ICU: measurable per file in a tree of small files.
    if (!this.log.enabled) return;
    const seconds = Math.max(1, Math.round((Date.now() - started) / 1000));
    this.log.status(
      `File transfer successful, transferred ${bytes.toLocaleString('en-US')} bytes in ${seconds} second${seconds === 1 ? '' : 's'}`,
    );
  }

  /** Runs operations one after another; a failed one does not block the next. */
  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.lock.then(operation, operation);
    this.lock = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      if (error instanceof FtpError) this.log.error(error.message);
      throw error;
    });
  }
}

/** The stream path resolves only after pipeline() finished the destination. */
function flushedAlready(bytes: number): Received {
  return { bytes, flushed: Promise.resolve() };
}
