import { createServer, isIP, type Server, type Socket } from 'node:net';
import { FtpError } from './errors.js';
import type { Logger } from './log.js';
import { normalizeAddress, sameAddress } from './passive.js';

export interface ActiveOptions {
  /** Address to announce in PORT/EPRT instead of the local one (behind NAT). */
  readonly externalAddress?: string | undefined;
  /** Inclusive port range to listen on; any free port when absent. */
  readonly portRange?: readonly [number, number] | undefined;
}

/**
 * A listener for one active-mode data connection. It listens on the control socket's local
 * address (so the server can reach it the same way we reached the server), accepts exactly
 * one connection, and only from the server's address: anyone else who races to the port
 * (a port-stealing attack) is dropped. It closes after that connection or its timeout.
 */
export class ActiveListener {
  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly allowedPeer: string,
    private readonly log: Logger,
  ) {}

  static async open(
    localAddress: string,
    allowedPeer: string,
    options: ActiveOptions,
    log: Logger,
  ): Promise<ActiveListener> {
    const ports = candidatePorts(options.portRange);
    let lastError: unknown;
    for (const port of ports) {
      const server = createServer({ pauseOnConnect: true });
      try {
        await listen(server, port, localAddress);
        const address = server.address();
        if (address === null || typeof address === 'string') throw new Error('no address');
        return new ActiveListener(server, address.port, allowedPeer, log);
      } catch (error) {
        server.close();
        lastError = error;
      }
    }
    throw new FtpError(
      'network',
      `Could not listen for an active-mode data connection on ${localAddress}`,
      {
        cause: lastError,
      },
    );
  }

  /**
   * The PORT (IPv4) or EPRT (IPv6) command announcing this listener (RFC 959, RFC 2428).
   * `force` picks one: EPRT works over IPv4 too (`|1|`), PORT cannot name an IPv6 address.
   */
  command(announcedAddress: string, force?: string): string {
    const address = normalizeAddress(announcedAddress);
    const v4 = isIP(address) === 4;
    if (force === 'PORT' && !v4) throw new Error('PORT cannot name an IPv6 address; use EPRT');
    if (v4 && force !== 'EPRT') {
      const high = Math.floor(this.port / 256);
      return `PORT ${address.split('.').join(',')},${high},${this.port % 256}`;
    }
    return `EPRT |${v4 ? 1 : 2}|${address}|${this.port}|`;
  }

  /** Resolves with the server's data connection; rejects on timeout or abort. */
  accept(timeoutMs: number, signal?: AbortSignal): Promise<Socket> {
    return new Promise<Socket>((resolve, reject) => {
      const finish = (error: FtpError | undefined, socket?: Socket): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.server.off('connection', onConnection);
        this.close();
        if (error !== undefined) reject(error);
        else resolve(socket as Socket);
      };
      const onConnection = (socket: Socket): void => {
        // The address is checked, never the source port: Pure-FTPd connects from port 20,
        // vsftpd (connect_from_port_20=NO) and ProFTPD from an ephemeral port.
        const peer = socket.remoteAddress ?? '';
        if (!sameAddress(peer, this.allowedPeer)) {
          this.log.status(
            `Refused a data connection from ${peer}: only the server (${this.allowedPeer}) may connect`,
          );
          socket.destroy();
          return;
        }
        finish(undefined, socket);
      };
      const onAbort = (): void => finish(new FtpError('cancelled', 'Transfer cancelled'));
      const timer = setTimeout(() => {
        finish(
          new FtpError(
            'timeout',
            `The server did not open the active-mode data connection to port ${this.port} within ${Math.round(timeoutMs / 1000)} seconds — a firewall or router may be blocking incoming connections; try Force Passive mode`,
          ),
        );
      }, timeoutMs);
      this.server.on('connection', onConnection);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  close(): void {
    this.server.close();
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Random order inside the range, so two clients behind one NAT do not fight over one port. */
function candidatePorts(range: readonly [number, number] | undefined): number[] {
  if (range === undefined) return [0];
  const [low, high] = range;
  const ports: number[] = [];
  for (let port = low; port <= high && ports.length < 1000; port += 1) ports.push(port);
  for (let i = ports.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [ports[i], ports[j]] = [ports[j] as number, ports[i] as number];
  }
  return ports.slice(0, 50);
}
