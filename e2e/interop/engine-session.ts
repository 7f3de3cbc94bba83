// Connecting the engine (FtpClient) to a real server for one combination of the matrix,
// keeping its Status/Command/Response log so tests can check what went over the wire, and
// cutting transfers mid-stream for the resume tests.
import { writeFile } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { FtpClient } from '../../electron/ftp/client.js';
import type { ConnectOptions } from '../../electron/ftp/connect-options.js';
import { isFtpError } from '../../electron/ftp/errors.js';
import { formatLogLine } from '../../electron/ftp/log.js';
import type { InteropServer } from './fixtures.js';
import { portFor, type Combination } from './matrix.js';

export interface EngineSession {
  readonly client: FtpClient;
  /** The log so far, one line per event: `Command: RETR big.bin`, `Response: 226 …`. */
  readonly log: readonly string[];
  /** The log as one text, for multi-line regular expressions. */
  logText(): string;
}

export interface EngineLogin {
  readonly user: string;
  readonly password: string;
}

/** Connection options for a combination (the test user unless `login` says otherwise). */
export function engineOptions(
  target: InteropServer,
  combo: Combination,
  log: string[],
  login?: EngineLogin,
): ConnectOptions {
  const { server } = target;
  return {
    host: server.host,
    port: portFor(server, combo.security),
    user: login?.user ?? server.user,
    password: login?.password ?? server.password,
    tls: combo.security === 'plain' ? 'none' : combo.security,
    tlsOptions: target.tlsOptions,
    mode: combo.mode,
    // A passive-mode test must not pass by quietly switching to active mode.
    fallback: false,
    timeouts: { connectMs: 30_000, replyMs: 30_000, dataMs: 30_000 },
    log: (event) => log.push(formatLogLine(event)),
  };
}

/**
 * Connects, runs `work`, and says goodbye. A failure carries the end of the engine's log
 * and of the server's logs: on a CI machine that is all there is to go on.
 */
export async function withEngine<T>(
  target: InteropServer,
  combo: Combination,
  work: (session: EngineSession) => Promise<T>,
  overrides: Partial<ConnectOptions> & { readonly login?: EngineLogin } = {},
): Promise<T> {
  const log: string[] = [];
  const { login, ...extra } = overrides;
  let client: FtpClient | undefined;
  try {
    client = await FtpClient.connect({
      ...engineOptions(target, combo, log, login),
      ...extra,
    });
    const connected = client;
    return await work({ client: connected, log, logText: () => log.join('\n') });
  } catch (error) {
    throw withLogs(error, log, target);
  } finally {
    await client?.quit();
  }
}

/** Like withEngine, with `count` connections sharing one log (for tree transfers). */
export async function withEngines<T>(
  target: InteropServer,
  combo: Combination,
  count: number,
  work: (clients: FtpClient[], log: readonly string[]) => Promise<T>,
): Promise<T> {
  const log: string[] = [];
  const settled = await Promise.allSettled(
    Array.from({ length: count }, () => FtpClient.connect(engineOptions(target, combo, log))),
  );
  const clients = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  try {
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    return await work(clients, log);
  } catch (error) {
    throw withLogs(error, log, target);
  } finally {
    await Promise.all(clients.map((client) => client.quit()));
  }
}

function withLogs(error: unknown, log: readonly string[], target: InteropServer): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(
    `${message}\n--- engine log (end)\n${log.slice(-40).join('\n')}\n--- ${target.server.name} logs (end)\n${target.server.logTail(15)}`,
    { cause: error },
  );
}

/**
 * Downloads `remote` until `bytes` have arrived, then cancels through the AbortSignal (the
 * engine closes the data connection and sends ABOR), and writes exactly the bytes that
 * came over the wire to `partialFile`: what a crash or a pulled cable leaves behind.
 */
export async function cutDownload(
  client: FtpClient,
  remote: string,
  partialFile: string,
  bytes: number,
): Promise<void> {
  const controller = new AbortController();
  const received: Buffer[] = [];
  let count = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const keep = chunk.subarray(0, Math.max(0, bytes - count));
      if (keep.length > 0) {
        received.push(keep);
        count += keep.length;
      }
      if (count >= bytes) controller.abort();
      callback();
    },
  });
  const outcome = await client.download(remote, sink, { signal: controller.signal }).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!isFtpError(outcome, 'cancelled'))
    throw new Error(`the download was not cut: ${String(outcome)}`, { cause: outcome });
  await writeFile(partialFile, Buffer.concat(received, count));
}

/**
 * Uploads the first `bytes` of `data` to `remote`, then cancels before the end: the server
 * is left with a partial file (whatever reached it before the data connection closed).
 */
export async function cutUpload(
  client: FtpClient,
  data: Buffer,
  remote: string,
  bytes: number,
): Promise<void> {
  const controller = new AbortController();
  let offset = 0;
  const source = new Readable({
    read() {
      // Never ends: once the first `bytes` are taken, the transfer is cut, not finished.
      if (offset >= bytes) {
        controller.abort();
        return;
      }
      const end = Math.min(offset + 256 * 1024, bytes);
      this.push(data.subarray(offset, end));
      offset = end;
    },
  });
  const outcome = await client.upload(source, remote, { signal: controller.signal }).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!isFtpError(outcome, 'cancelled'))
    throw new Error(`the upload was not cut: ${String(outcome)}`, { cause: outcome });
}
