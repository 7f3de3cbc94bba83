import { Writable } from 'node:stream';
import { afterEach } from 'vitest';
import { FtpClient } from '../ftp/client.js';
import type { ConnectOptions } from '../ftp/connect-options.js';
import { FtpError } from '../ftp/errors.js';
import { formatLogLine } from '../ftp/log.js';
import {
  startFakeFtpServer,
  type FakeFtpServer,
  type FakeFtpServerOptions,
} from '../test-support/fake-ftp-server.js';

/**
 * The engine against the scripted fake server, for the security suite: one server per
 * test, closed after it, and the client's log lines as the user would read them.
 */
export interface EngineHarness {
  start(options?: FakeFtpServerOptions): Promise<FakeFtpServer>;
  /** Connects as alice/secret in clear unless overridden; logs into `log`. */
  connect(overrides?: Partial<ConnectOptions>): Promise<FtpClient>;
  readonly server: FakeFtpServer;
  readonly log: readonly string[];
}

/** Call once at the top of a test file: registers the cleanup hook. */
export function useEngineHarness(): EngineHarness {
  let server: FakeFtpServer | undefined;
  let log: string[] = [];
  afterEach(async () => {
    await server?.close();
    server = undefined;
    log = [];
  });
  return {
    async start(options = {}) {
      server = await startFakeFtpServer(options);
      return server;
    },
    connect(overrides = {}) {
      if (server === undefined) throw new Error('start a server first');
      return FtpClient.connect({
        host: server.host,
        port: server.port,
        user: 'alice',
        password: 'secret',
        tls: 'none',
        fallback: false,
        log: (event) => log.push(formatLogLine(event)),
        ...overrides,
      });
    },
    get server() {
      if (server === undefined) throw new Error('start a server first');
      return server;
    },
    get log() {
      return log;
    },
  };
}

/** A destination that keeps what it was given. */
export function sink(): { readonly stream: Writable; data(): Buffer } {
  const chunks: Buffer[] = [];
  return {
    stream: new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) }),
    data: () => Buffer.concat(chunks),
  };
}

/** The FtpError a promise rejects with; anything else (or success) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<FtpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FtpError)) throw new Error(`expected an FtpError, got ${String(error)}`);
  return error;
}
