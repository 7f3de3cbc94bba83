import type { TLSSocket } from 'node:tls';
import type { ConnectOptions, TlsMode } from './connect-options.js';
import { formatEndpoint, openSocket, resolveHost } from './connect.js';
import { ControlConnection } from './control-connection.js';
import { FtpError } from './errors.js';
import { NO_FEATURES, parseFeatures, type Features } from './features.js';
import type { Logger } from './log.js';
import type { Reply } from './reply-parser.js';
import {
  describeCertificate,
  secureControl,
  SessionCache,
  type CertificateInfo,
  type TlsOptions,
} from './tls.js';

/** What a logged-in connection knows about itself. */
export interface EstablishedSession {
  readonly connection: ControlConnection;
  readonly features: Features;
  readonly system: string | undefined;
  /** The control connection is encrypted. */
  readonly secure: boolean;
  /** Data connections are encrypted (PROT P accepted). */
  readonly protectData: boolean;
  readonly tlsSession: SessionCache | undefined;
  readonly certificateFingerprint: string | undefined;
  /** The control connection's certificate and TLS version, for the connection doctor. */
  readonly certificate: CertificateInfo | undefined;
  readonly tlsProtocol: string | undefined;
}

export function defaultPort(tls: TlsMode): number {
  return tls === 'implicit' ? 990 : 21;
}

/**
 * Connects and logs in, in the order FileZilla's log shows (and the reference article):
 * resolve, connect, welcome, [AUTH TLS], USER, PASS, SYST, FEAT, [OPTS UTF8 ON],
 * [PBSZ 0, PROT P]. When TLS is required nothing is sent in clear: a refused AUTH TLS
 * ends the connection before USER.
 */
export async function establishSession(
  options: ConnectOptions,
  log: Logger,
  timeouts: { readonly connectMs: number; readonly replyMs: number },
): Promise<EstablishedSession> {
  const tlsMode = options.tls ?? 'auto';
  const port = options.port ?? defaultPort(tlsMode);
  const tlsOptions: TlsOptions = options.tlsOptions ?? {};
  const address = options.address ?? (await resolveHost(options.host, log));
  log.status(`Connecting to ${formatEndpoint(address, port)}...`);
  let socket = await openSocket(address, port, timeouts.connectMs, options.signal);
  let secureSocket: TLSSocket | undefined;
  if (tlsMode === 'implicit') {
    log.status('Initializing TLS...');
    secureSocket = await secureControl(
      { host: options.host, port, socket },
      tlsOptions,
      timeouts.connectMs,
    ).catch((error: unknown) => {
      socket.destroy();
      throw error;
    });
    log.status('TLS connection established.');
    socket = secureSocket;
  }
  log.status('Connection established, waiting for welcome message...');
  const connection = new ControlConnection(socket, log, timeouts.replyMs);
  const abort = (): void => connection.destroy(new FtpError('cancelled', 'Connection cancelled'));
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    await connection.readGreeting();
    if (tlsMode === 'explicit' || tlsMode === 'auto') {
      secureSocket = await startExplicitTls(
        connection,
        tlsMode,
        options.host,
        port,
        tlsOptions,
        timeouts.connectMs,
        log,
      );
    }
    await login(connection, options);
    const system = await querySystem(connection);
    const features = await queryFeatures(connection);
    // The reply is not checked: Pure-FTPd 1.0.50 lists UTF8 in FEAT yet answers OPTS UTF8 ON
    // with `504 Unknown command` (Debian builds it without iconv, so it passes names through
    // as bytes and UTF-8 names work anyway); vsftpd and ProFTPD answer 200.
    if (features.utf8) await connection.send('OPTS UTF8 ON');
    const protectData = secureSocket !== undefined && (await protect(connection, tlsMode, log));
    log.status('Connected');
    return {
      connection,
      features,
      system,
      secure: secureSocket !== undefined,
      protectData,
      tlsSession: secureSocket === undefined ? undefined : new SessionCache(secureSocket),
      certificateFingerprint: secureSocket?.getPeerCertificate().fingerprint256,
      certificate:
        secureSocket === undefined
          ? undefined
          : describeCertificate(secureSocket, options.host, port),
      tlsProtocol: secureSocket?.getProtocol() ?? undefined,
    };
  } catch (error) {
    connection.destroy(error instanceof FtpError ? error : undefined);
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
}

async function startExplicitTls(
  connection: ControlConnection,
  mode: 'explicit' | 'auto',
  host: string,
  port: number,
  tlsOptions: TlsOptions,
  timeoutMs: number,
  log: Logger,
): Promise<TLSSocket | undefined> {
  const reply = await connection.send('AUTH TLS');
  if (reply.code !== 234) {
    if (mode === 'explicit') {
      throw new FtpError(
        'tls',
        `The server refused to start TLS (${reply.message}); nothing was sent in clear. Connect with plain FTP only if you accept an unencrypted connection`,
        { reply },
      );
    }
    log.error(
      'The server does not support FTP over TLS: this connection is NOT encrypted, and the password is sent in clear',
    );
    return undefined;
  }
  log.status('Initializing TLS...');
  let secured: TLSSocket | undefined;
  await connection.upgrade(async (plain) => {
    secured = await secureControl({ host, port, socket: plain }, tlsOptions, timeoutMs);
    return secured;
  });
  log.status('TLS connection established.');
  return secured;
}

async function login(connection: ControlConnection, options: ConnectOptions): Promise<void> {
  const user = options.user ?? 'anonymous';
  let reply = await connection.send(`USER ${user}`);
  // 230 straight after USER is a complete login: Pure-FTPd logs anonymous in that way and
  // never asks for a PASS (vsftpd and ProFTPD answer 331 and want one).
  if (reply.code === 331)
    reply = await connection.send(
      `PASS ${options.password ?? (user === 'anonymous' ? 'anonymous@' : '')}`,
    );
  if (reply.code === 332) {
    if (options.account === undefined) {
      throw new FtpError(
        'auth',
        `The server asks for an account (ACCT) to log in: ${reply.message}`,
        { reply },
      );
    }
    reply = await connection.send(`ACCT ${options.account}`);
  }
  if (reply.code === 230 || reply.code === 202) return;
  throw loginError(reply, user);
}

function loginError(reply: Reply, user: string): FtpError {
  if (reply.code === 421) {
    return new FtpError(
      'refused-by-server',
      `The server refused the login, probably too many connections: ${reply.message}`,
      {
        reply,
      },
    );
  }
  if (reply.code === 530 || reply.code === 430) {
    return new FtpError(
      'auth',
      `Login incorrect: the server rejected the user name "${user}" or its password (${reply.message})`,
      { reply },
    );
  }
  return new FtpError('auth', `The server refused the login: ${reply.message}`, { reply });
}

async function querySystem(connection: ControlConnection): Promise<string | undefined> {
  const reply = await connection.send('SYST');
  return reply.code === 215 ? reply.message.slice(4) : undefined;
}

async function queryFeatures(connection: ControlConnection): Promise<Features> {
  const reply = await connection.send('FEAT');
  return reply.code === 211 ? parseFeatures(reply) : NO_FEATURES;
}

/** RFC 4217 §9: PBSZ 0 then PROT P. Required TLS without protected data is refused. */
async function protect(
  connection: ControlConnection,
  mode: TlsMode,
  log: Logger,
): Promise<boolean> {
  await connection.send('PBSZ 0');
  const reply = await connection.send('PROT P');
  if (reply.code >= 200 && reply.code < 300) return true;
  if (mode === 'explicit' || mode === 'implicit') {
    throw new FtpError(
      'tls',
      `The server refused to protect data connections with TLS (PROT P): ${reply.message}`,
      {
        reply,
      },
    );
  }
  log.error('The server refused PROT P: file data and listings travel unencrypted');
  return false;
}
