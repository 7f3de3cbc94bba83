// A deliberately dumb FTP client for testing the fake server itself with plain node:net and
// node:tls sockets, independent of the engine under test.
import net from 'node:net';
import tls from 'node:tls';

export type AnySocket = net.Socket | tls.TLSSocket;

const TIMEOUT_MS = 5_000;

export class RawFtpClient {
  private buffer = '';
  private readonly replies: string[] = [];
  private wake: (() => void) | null = null;
  private ended = false;
  /** The latest TLS session the server sent on the control connection. */
  tlsSession: Buffer | undefined;

  private constructor(private socket: AnySocket) {
    socket.setNoDelay(true);
    this.listen(socket);
  }

  static async connect(port: number, implicitTls?: tls.ConnectionOptions): Promise<RawFtpClient> {
    const socket =
      implicitTls === undefined
        ? net.connect({ host: '127.0.0.1', port })
        : tls.connect({ host: '127.0.0.1', port, ...implicitTls });
    let session: Buffer | undefined;
    socket.on('session', (s: Buffer) => (session = s));
    await new Promise<void>((resolve, reject) => {
      socket.once(implicitTls === undefined ? 'connect' : 'secureConnect', () => resolve());
      socket.once('error', reject);
    });
    const client = new RawFtpClient(socket);
    client.tlsSession = session;
    if (socket instanceof tls.TLSSocket) client.watchSessions(socket);
    return client;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  write(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  /** Sends a command and returns the whole reply text (all lines, CRLF-joined). */
  async send(line: string): Promise<string> {
    this.write(line);
    return this.read();
  }

  /** The next complete reply, or rejects when none arrives in time. */
  async read(timeoutMs = TIMEOUT_MS): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = this.replies.shift();
      if (reply !== undefined) return reply;
      if (this.ended) throw new Error('control connection closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no reply within ${timeoutMs} ms (buffer: ${this.buffer})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Resolves true when the server sends nothing within `ms`. */
  async silentFor(ms: number): Promise<boolean> {
    return this.read(ms).then(
      () => false,
      () => true,
    );
  }

  /** AUTH TLS has been answered with 234: start the handshake on the control socket. */
  async startTls(options: tls.ConnectionOptions): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    const secured = tls.connect({ socket: plain as net.Socket, ...options });
    // Before the handshake ends: TLS 1.2 delivers its session during the handshake, TLS 1.3
    // only afterwards (in NewSessionTicket messages).
    this.watchSessions(secured);
    await new Promise<void>((resolve, reject) => {
      secured.once('secureConnect', () => resolve());
      secured.once('error', reject);
    });
    this.socket = secured;
    this.listen(secured);
  }

  close(): void {
    this.socket.destroy();
  }

  private watchSessions(socket: tls.TLSSocket): void {
    socket.on('session', (session: Buffer) => {
      this.tlsSession = session;
    });
  }

  private listen(socket: AnySocket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.parse();
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake?.();
    });
    socket.on('error', () => undefined);
  }

  // RFC 959 §4.2: "123-" opens a multi-line reply that ends with a line starting "123 ".
  private parse(): void {
    for (;;) {
      const lines = this.buffer.split('\r\n');
      const first = lines[0] ?? '';
      if (lines.length < 2) return;
      let end = 0;
      if (/^\d{3}-/.test(first)) {
        const closing = `${first.slice(0, 3)} `;
        end = lines.findIndex((line, index) => index > 0 && line.startsWith(closing));
        if (end === -1 || end === lines.length - 1) return;
      }
      this.replies.push(lines.slice(0, end + 1).join('\r\n'));
      this.buffer = lines.slice(end + 1).join('\r\n');
      this.wake?.();
    }
  }
}

/** Logs in with the fake server's default credentials. */
export async function login(client: RawFtpClient, user = 'alice', pass = 'secret'): Promise<void> {
  const userReply = await client.send(`USER ${user}`);
  const passReply = await client.send(`PASS ${pass}`);
  if (!passReply.startsWith('230')) throw new Error(`login failed: ${userReply} / ${passReply}`);
}

export function parsePasv(reply: string): { host: string; port: number } {
  const match = /\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(reply);
  if (match === null) throw new Error(`not a 227 reply: ${reply}`);
  const [h1, h2, h3, h4, p1, p2] = match.slice(1).map(Number) as number[];
  return { host: `${h1}.${h2}.${h3}.${h4}`, port: (p1 ?? 0) * 256 + (p2 ?? 0) };
}

export function parseEpsv(reply: string): number {
  const match = /\(\|\|\|(\d+)\|\)/.exec(reply);
  if (match === null) throw new Error(`not a 229 reply: ${reply}`);
  return Number(match[1]);
}

export function connectData(port: number, host = '127.0.0.1'): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

export function connectTlsData(
  port: number,
  options: tls.ConnectionOptions,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ...options });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the socket delivers until it ends; rejects on error. */
export function readAll(socket: AnySocket): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('end', () => resolve(Buffer.concat(chunks)));
    socket.once('error', reject);
  });
}

/** Resolves with how the socket finished: a clean end, or closed without one. */
export function settle(socket: AnySocket, ms = TIMEOUT_MS): Promise<'end' | 'close' | 'open'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('open'), ms);
    socket.once('end', () => {
      clearTimeout(timer);
      resolve('end');
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve('close');
    });
  });
}

export interface TransferResult {
  /** The reply to the transfer command (150 normally). */
  readonly opening: string;
  readonly data: Buffer;
  /** The reply after the data (226 normally). */
  readonly final: string;
}

/** PASV, connect, send the command, read everything, then the final reply. */
export async function passiveDownload(
  client: RawFtpClient,
  command: string,
): Promise<TransferResult> {
  const { port } = parsePasv(await client.send('PASV'));
  const socket = await connectData(port);
  const data = readAll(socket);
  const opening = await client.send(command);
  return { opening, data: await data, final: await client.read() };
}

/** PASV, connect, send the command, write the bytes and end, then the final reply. */
export async function passiveUpload(
  client: RawFtpClient,
  command: string,
  body: Buffer | string,
  before: readonly string[] = [],
): Promise<TransferResult> {
  const { port } = parsePasv(await client.send('PASV'));
  const socket = await connectData(port);
  socket.on('error', () => undefined);
  for (const line of before) await client.send(line);
  const opening = await client.send(command);
  socket.end(body);
  return { opening, data: Buffer.from(body), final: await client.read() };
}
