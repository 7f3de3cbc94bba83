// Data connections of the fake server: passive listeners, decoy ports, active connects and
// the TLS wrapping of data sockets (always as TLS server, whoever opened the TCP connection,
// as RFC 4217 §7 has it).
import net from 'node:net';
import tls from 'node:tls';

/** What the session needs from the server to keep track of sockets it must close later. */
export interface SocketRegistry {
  /** Closed/destroyed when the server closes. */
  track(item: net.Socket | net.Server): void;
  /** A data connection was established (counted for `dataConnections`). */
  countDataConnection(): void;
}

export interface PassiveData {
  readonly kind: 'passive';
  readonly port: number;
  readonly connection: Promise<net.Socket>;
  dispose(): void;
}

export interface ActiveData {
  readonly kind: 'active';
  readonly host: string;
  readonly port: number;
}

export type PendingData = PassiveData | ActiveData;

const ignoreError = (): void => undefined;

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

function adopt(registry: SocketRegistry, socket: net.Socket): void {
  socket.on('error', ignoreError);
  registry.track(socket);
  registry.countDataConnection();
}

/** One listener per PASV/EPSV: takes the first connection, then stops listening. */
export async function listenPassive(
  registry: SocketRegistry,
  timeoutMs: number,
): Promise<PassiveData> {
  const server = net.createServer();
  server.on('error', ignoreError);
  registry.track(server);
  let timer: NodeJS.Timeout | undefined;
  let taken = false;
  const connection = new Promise<net.Socket>((resolve, reject) => {
    server.on('connection', (socket) => {
      adopt(registry, socket);
      if (taken) {
        socket.destroy();
        return;
      }
      taken = true;
      clearTimeout(timer);
      server.close();
      resolve(socket);
    });
    timer = setTimeout(() => {
      server.close();
      reject(new Error(`no data connection within ${timeoutMs} ms`));
    }, timeoutMs);
    // The listener itself keeps the process alive while it matters; the timer must not.
    timer.unref();
  });
  connection.catch(ignoreError);
  const port = await listen(server);
  return {
    kind: 'passive',
    port,
    connection,
    dispose: () => {
      clearTimeout(timer);
      server.close();
      connection.then((socket) => socket.destroy(), ignoreError);
    },
  };
}

/**
 * A port to name in a PASV/EPSV reply instead of the real listener: 'closed' has nothing
 * listening (connection refused); 'silent' accepts and then neither sends nor closes.
 */
export async function listenDecoy(
  registry: SocketRegistry,
  mode: 'closed' | 'silent',
): Promise<number> {
  const server = net.createServer((socket) => adopt(registry, socket));
  server.on('error', ignoreError);
  registry.track(server);
  const port = await listen(server);
  if (mode === 'closed') await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Active mode: the server connects to the address the client gave in PORT/EPRT. */
export function connectActive(
  registry: SocketRegistry,
  target: ActiveData,
  timeoutMs: number,
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    socket.on('error', ignoreError);
    registry.track(socket);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connecting to ${target.host}:${target.port} timed out`));
    }, timeoutMs);
    timer.unref();
    socket.once('connect', () => {
      clearTimeout(timer);
      registry.countDataConnection();
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Wraps an accepted or connected socket as the TLS server side and waits for the handshake. */
export function secureServerSocket(
  raw: net.Socket,
  context: tls.SecureContext,
  timeoutMs: number,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = new tls.TLSSocket(raw, { isServer: true, secureContext: context });
    socket.on('error', ignoreError);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('TLS handshake timed out'));
    }, timeoutMs);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      reject(error);
    };
    socket.once('secure', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', fail);
    socket.once('close', () => fail(new Error('connection closed during the TLS handshake')));
  });
}

const byte = (text: string): number | null => {
  if (!/^\d{1,3}$/.test(text)) return null;
  const value = Number(text);
  return value <= 255 ? value : null;
};

/** RFC 959 host-port: "h1,h2,h3,h4,p1,p2". */
export function parsePortArgument(arg: string): ActiveData | null {
  const parts = arg.trim().split(',').map(byte);
  if (parts.length !== 6 || parts.some((part) => part === null)) return null;
  const [h1, h2, h3, h4, p1, p2] = parts as number[];
  const port = (p1 ?? 0) * 256 + (p2 ?? 0);
  return port === 0 ? null : { kind: 'active', host: `${h1}.${h2}.${h3}.${h4}`, port };
}

/** RFC 2428 EPRT: "<d>proto<d>address<d>port<d>", usually "|1|127.0.0.1|40000|". */
export function parseEprtArgument(arg: string): ActiveData | null {
  const delimiter = arg.charAt(0);
  if (delimiter === '' || /[\d.:a-zA-Z]/.test(delimiter)) return null;
  const fields = arg.split(delimiter);
  if (fields.length !== 5 || fields[0] !== '' || fields[4] !== '') return null;
  const [, protocol, host = '', portText = ''] = fields;
  const family = protocol === '1' ? 4 : protocol === '2' ? 6 : 0;
  if (family === 0 || net.isIP(host) !== family || !/^\d{1,5}$/.test(portText)) return null;
  const port = Number(portText);
  return port > 0 && port < 65536 ? { kind: 'active', host, port } : null;
}

/** RFC 959 227 reply text for a host and port. */
export function pasvReply(host: string, port: number): string {
  const address = host.split('.').join(',');
  return `227 Entering Passive Mode (${address},${port >> 8},${port & 255}).`;
}
