import type { Socket } from 'node:net';
import { formatEndpoint, openSocket } from '../../ftp/connect.js';
import { FtpError } from '../../ftp/errors.js';
import type { Logger } from '../../ftp/log.js';
import { parseReplies, type Reply } from '../../ftp/reply-parser.js';
import type { StepRecorder } from './step-recorder.js';

/** At most this many addresses are tried: a name with dozens is a CDN, not an FTP server. */
const MAX_ADDRESSES = 4;

export interface TcpOutcome {
  /** The first address whose port answered. */
  readonly address: string | undefined;
  readonly banner: Reply | undefined;
}

/**
 * Step 2, the "telnet host 21" check: opens the control port of each address and shows the
 * welcome message. Implicit TLS ports greet only after the handshake, so there the step
 * stops at "the port accepts connections" and step 3 shows the rest.
 */
export async function checkTcp(
  addresses: readonly string[],
  port: number,
  implicit: boolean,
  timeoutMs: number,
  log: Logger,
  step: StepRecorder,
  signal?: AbortSignal,
): Promise<TcpOutcome> {
  step.start(`Connecting to port ${port}`);
  let reached: TcpOutcome | undefined;
  for (const address of addresses.slice(0, MAX_ADDRESSES)) {
    const endpoint = formatEndpoint(address, port);
    log.status(`Connecting to ${endpoint}...`);
    let socket: Socket;
    try {
      socket = await openSocket(address, port, timeoutMs, signal);
    } catch (error) {
      const failure = describeConnectFailure(error, endpoint, port);
      log.error(failure.found);
      step.found(endpoint, 'failed', failure.found);
      step.cause(failure.cause);
      continue;
    }
    try {
      if (implicit) {
        step.found(
          endpoint,
          'ok',
          'The port accepts connections (implicit TLS: the welcome follows the handshake)',
        );
        reached ??= { address, banner: undefined };
        continue;
      }
      log.status('Connection established, waiting for welcome message...');
      const banner = await readBanner(socket, timeoutMs, signal);
      if (banner === undefined) {
        const text = `Connected, but no welcome message came within ${Math.round(timeoutMs / 1000)} seconds`;
        log.error(text);
        step.found(endpoint, 'failed', text);
        step.cause(
          `Something accepts connections on ${endpoint} but does not speak FTP: it may be an implicit-TLS port (try encryption "implicit"), another service, or a firewall that intercepts FTP.`,
        );
        continue;
      }
      for (const line of banner.lines) log.response(line);
      if (banner.code === 220) {
        step.found(endpoint, 'ok', `Welcome message: ${banner.message}`);
        reached ??= { address, banner };
      } else {
        step.found(endpoint, 'failed', `The server turned the connection away: ${banner.message}`);
        step.cause(
          banner.code === 421
            ? 'The server is refusing new connections right now (421): it is busy, has too many users, or is shutting down. Try again later or with fewer connections.'
            : `The server greets with ${banner.code} instead of 220: it is refusing service (${banner.message}).`,
        );
      }
    } finally {
      socket.destroy();
    }
  }
  if (reached === undefined) {
    step.finish('failed', `Port ${port} could not be used on any address`);
    return { address: undefined, banner: undefined };
  }
  const partial = addresses.length > 1 && step.current.findings.some((f) => f.outcome === 'failed');
  step.finish(
    partial ? 'warning' : 'passed',
    reached.banner === undefined
      ? `Port ${port} accepts connections`
      : `The server answers: ${reached.banner.lines[0] ?? ''}`,
  );
  return reached;
}

/** Reads the greeting (one whole reply, multi-line ones too) or gives up after the timeout. */
function readBanner(
  socket: Socket,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Reply | undefined> {
  return new Promise((resolve) => {
    let text = '';
    const finish = (reply: Reply | undefined): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      signal?.removeEventListener('abort', onClose);
      resolve(reply);
    };
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      const parsed = parseReplies(text);
      if (!parsed.ok) return finish(undefined);
      const first = parsed.replies[0];
      if (first !== undefined) finish(first);
    };
    const onClose = (): void => finish(undefined);
    const timer = setTimeout(onClose, timeoutMs);
    socket.on('data', onData);
    socket.once('close', onClose);
    signal?.addEventListener('abort', onClose, { once: true });
  });
}

/** What a failed connect means, in the words the issue asks for: refused, timed out, blocked. */
export function describeConnectFailure(
  error: unknown,
  endpoint: string,
  port: number,
): { found: string; cause: string } {
  const code =
    error instanceof FtpError && error.cause instanceof Error
      ? (error.cause as NodeJS.ErrnoException).code
      : undefined;
  if (error instanceof FtpError && error.code === 'timeout') {
    return {
      found: `Timed out: nothing answered on ${endpoint}`,
      cause: `Connecting to ${endpoint} timed out: a firewall (on this computer, your router, your ISP or the server's network) is silently dropping traffic to port ${port}, or the host is down. Some ISPs block port 21.`,
    };
  }
  if (code === 'ECONNREFUSED') {
    return {
      found: `Refused: nothing listens on ${endpoint}`,
      cause: `${endpoint} refused the connection: no FTP server listens on port ${port} there, or a firewall rejects it. Check the port number (FTP usually uses 21, implicit FTPS 990) and that the server is running.`,
    };
  }
  if (code === 'ECONNRESET') {
    return {
      found: `Blocked: ${endpoint} reset the connection`,
      cause: `${endpoint} reset the connection at once: a firewall or the server's access rules block this computer's address.`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    found: message,
    cause: `${endpoint} could not be reached (${message}): this network has no route to the server.`,
  };
}
