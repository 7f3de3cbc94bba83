import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FtpSrv } from 'ftp-srv';

/**
 * An ordinary FTP server in-process (ftp-srv from npm) serving a real folder on disk: the
 * `npm run demo` server, and the server of the engine and CLI tests of normal traffic in
 * both modes. Quirks, per DESIGN.md: it advertises
 * no MLSD or EPSV in FEAT (it answers EPSV all the same), needs `pasv_url` for passive mode,
 * and gives each data socket a fresh TLS context (so no session reuse test can use it).
 */
export interface EmbeddedFtpServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** The folder the test user sees as '/'. */
  readonly root: string;
  readonly url: string;
  close(): Promise<void>;
}

export interface EmbeddedFtpServerOptions {
  readonly root?: string;
  /** Control port; a free one when absent. */
  readonly port?: number;
  readonly tls?: { readonly key: string; readonly cert: string };
}

const silent = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  fatal: noop,
  child: () => silent,
};

function noop(): void {}

export async function startEmbeddedFtpServer(
  options: EmbeddedFtpServerOptions = {},
): Promise<EmbeddedFtpServer> {
  const ownRoot = options.root === undefined;
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'portside-ftp-root-')));
  const port = options.port ?? (await freePort());
  const user = 'tester';
  const password = 'p4ss word';
  const server = new FtpSrv({
    url: `ftp://127.0.0.1:${port}`,
    pasv_url: '127.0.0.1',
    pasv_min: 1024,
    anonymous: false,
    greeting: 'Portside embedded test server',
    tls: options.tls === undefined ? false : { key: options.tls.key, cert: options.tls.cert },
    log: silent,
  });
  server.on('login', ({ username, password: given }, resolve, reject) => {
    if (username === user && given === password) resolve({ root });
    else reject(new Error('Login incorrect'));
  });
  // ftp-srv emits client errors (a reset data socket) on the server; they are not test failures.
  server.on('client-error', noop);
  await server.listen();
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    root,
    url: `ftp://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    close: async () => {
      await server.close();
      if (ownRoot) await rm(root, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
