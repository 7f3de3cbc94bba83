import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP, type Socket } from 'node:net';

import { FtpError } from './errors.js';
import type { Logger } from './log.js';

/** `[::1]:21` for IPv6, `127.0.0.1:21` otherwise, as FileZilla shows addresses. */
export function formatEndpoint(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

export async function resolveHost(host: string, log: Logger): Promise<string> {
  if (isIP(host) !== 0) return host;
  log.status(`Resolving address of ${host}`);
  try {
    return (await lookup(host)).address;
  } catch (error) {
    throw new FtpError(
      'network',
      `Could not resolve the host name "${host}": check the spelling or your DNS`,
      {
        cause: error,
      },
    );
  }
}

/** Opens the TCP control connection, with an error that says what usually causes each failure. */
export function openSocket(
  address: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Socket> {
  const endpoint = formatEndpoint(address, port);
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: address, port });
    const fail = (error: FtpError): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(error);
    };
    const onAbort = (): void => fail(new FtpError('cancelled', 'Connection cancelled'));
    const timer = setTimeout(
      () =>
        fail(
          new FtpError(
            'timeout',
            `Connection attempt to ${endpoint} timed out after ${Math.round(timeoutMs / 1000)} seconds — a firewall may be dropping traffic to this port, or the host is down`,
          ),
        ),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      socket.setNoDelay(true);
      resolve(socket);
    });
    const onError = (error: NodeJS.ErrnoException): void => fail(connectError(error, endpoint));
    socket.once('error', onError);
  });
}

function connectError(error: NodeJS.ErrnoException, endpoint: string): FtpError {
  const reasons: Record<string, string> = {
    ECONNREFUSED: `Connection refused by ${endpoint} — no FTP server is listening on that port, or a firewall rejects it; check the port`,
    EHOSTUNREACH: `No route to ${endpoint} — the host is unreachable from this network`,
    ENETUNREACH: `The network for ${endpoint} is unreachable`,
    ECONNRESET: `${endpoint} reset the connection — a firewall or the server refused it`,
  };
  const message = reasons[error.code ?? ''] ?? `Could not connect to ${endpoint}: ${error.message}`;
  return new FtpError('network', message, { cause: error });
}
