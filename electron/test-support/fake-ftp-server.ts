/**
 * A scripted fake FTP server for engine tests, in the way curl's test suite scripts its FTP
 * server: ordinary FTP for logging in, listing, downloading and uploading against an
 * in-memory tree, plus knobs that make it misbehave on purpose. It records every command line
 * it receives (exact text, without CRLF) so tests can assert what a client sent and did not.
 *
 *   const server = await startFakeFtpServer({ files: { '/pub/a.txt': 'hello' } });
 *   … point the client at server.host:server.port (user alice, password secret) …
 *   expect(server.commands).toContain('TYPE I');
 *   await server.close();
 *
 * Fault knobs, one line each:
 *   delay a reply             delays: { PASS: 500 }            (key 'GREETING' for the banner)
 *   never reply (hang)        delays: { LIST: 'never' }        (nothing after it is processed)
 *   never greet               greeting: null
 *   bad PASV address          pasvHost: '10.255.255.1'
 *   malformed 227 / 229       handlers: { PASV: (c) => c.reply('227 Entering Passive Mode (127,0,0,1,4)') }
 *                             handlers: { EPSV: (c) => c.reply('229 Entering Extended Passive Mode (|||99999|)') }
 *   cut a download            dataFaults: { RETR: { cutAfterBytes: 1000 } }                (no final reply)
 *   … and then say 426        dataFaults: { RETR: { cutAfterBytes: 1000, finalReply: '426 Connection closed.' } }
 *   426/451/552 after data    dataFaults: { RETR: { finalReply: '451 Local error in processing.' } }
 *                             dataFaults: { STOR: { finalReply: '552 Exceeded storage allocation.' } }
 *   ignore REST               ignoreRest: true                 (350 to REST, data from byte 0)
 *   no TLS close_notify       dataFaults: { RETR: { noCloseNotify: true } }               (with PROT P)
 *   data port refuses         passiveDataPort: 'closed'        (PASV/EPSV name a port nobody listens on)
 *   data port accepts, mute   passiveDataPort: 'silent'        (accepts, never sends, never closes)
 *                             (Node cannot hold a listening port without accepting, so a true
 *                             SYN black hole is pasvHost: '10.255.255.1' for a client that obeys it)
 *   stalled data stream       dataFaults: { RETR: { stallAfterBytes: 10 } }               (then nothing)
 *   stalled upload            dataFaults: { STOR: { stallAfterBytes: 10 } }               (stops reading)
 *   missing TLS session reuse tls: { key, cert, requireSessionReuse: true }              (522 on the data)
 *   421 when busy             maxConnections: 1                (the 2nd simultaneous connection gets 421)
 *   refuse AUTH TLS           handlers: { AUTH: (c) => c.reply('502 AUTH not available.') }   (tls still set)
 *   reply over 64 KiB         handlers: { SYST: (c) => c.reply(`215 ${'x'.repeat(70_000)}`) }
 *   multi-line never ends     handlers: { FEAT: (c) => c.writeRaw('211-Features:\r\n EPSV\r\n') }
 *   NUL in a reply            handlers: { SYST: (c) => c.reply('215 UNIX\0Type: L8') }
 *   LF-only line ends         handlers: { PWD: (c) => c.writeRaw('257 "/"\n') }
 *   code not three digits     handlers: { SYST: (c) => c.reply('21 UNIX') }   or   c.reply('2150 UNIX')
 *   bytes after 234           handlers: { AUTH: async (c) => { c.writeRaw('234 Go\r\nXYZ'); await c.upgradeToTls(); } }
 *   drop the connection       handlers: { RETR: (c) => c.close() }
 *
 * A handler replaces the default for its verb; `await c.defaultHandler()` inside it runs the
 * default too (e.g. to count calls, or to reply late). `c.openData()` gives a handler the data
 * socket for the prepared PASV/EPSV/PORT/EPRT, TLS-wrapped under PROT P.
 *
 * Behaviour worth knowing: commands other than USER/PASS/ACCT/AUTH/PBSZ/PROT/FEAT/SYST/OPTS/
 * NOOP/QUIT/ABOR answer 530 before login; TYPE A (the RFC 959 default) converts line ends
 * to CRLF on RETR and back on STOR, so a client that forgets TYPE I gets altered bytes;
 * `LIST -a` includes "." and ".." and MLSD includes cdir/pdir entries, as real servers do;
 * partial uploads are kept, as real servers do, so resume can be tested.
 */
import net from 'node:net';
import tls from 'node:tls';
import { FtpSession, type ServerState } from './fake-ftp-session.js';
import { FakeTree } from './fake-ftp-tree.js';
import type { ActiveTarget, FakeFtpServer, FakeFtpServerOptions } from './fake-ftp-types.js';

export type {
  ActiveTarget,
  CommandContext,
  CommandHandler,
  DataFaults,
  DataVerb,
  FakeFtpServer,
  FakeFtpServerOptions,
  FakeSession,
  FakeTlsOptions,
} from './fake-ftp-types.js';
export { generateTestCertificate, type TestCertificate } from './test-certificate.js';

interface CommandWaiter {
  readonly predicate: (line: string) => boolean;
  readonly resolve: (line: string) => void;
}

export async function startFakeFtpServer(
  options: FakeFtpServerOptions = {},
): Promise<FakeFtpServer> {
  const commands: string[] = [];
  const waiters = new Set<CommandWaiter>();
  const sessions: FtpSession[] = [];
  const open = new Set<FtpSession>();
  const tracked = new Set<net.Socket | net.Server>();
  const activeTargets: ActiveTarget[] = [];
  let dataConnections = 0;
  let closing = false;

  // One context for the control and every data connection: TLS session tickets are bound to
  // it, so a data connection can resume the control connection's session.
  const secureContext =
    options.tls === undefined
      ? null
      : tls.createSecureContext({
          key: options.tls.key,
          cert: options.tls.cert,
          ...(options.tls.maxVersion === undefined ? {} : { maxVersion: options.tls.maxVersion }),
        });

  const state: ServerState = {
    options,
    tree: new FakeTree(options.files ?? {}),
    secureContext,
    activeTargets,
    record: (line) => {
      commands.push(line);
      for (const waiter of waiters) {
        if (!waiter.predicate(line)) continue;
        waiters.delete(waiter);
        waiter.resolve(line);
      }
    },
    openSessionCount: () => open.size,
    sessionClosed: (session) => open.delete(session),
    track: (item) => {
      if (closing) {
        destroy(item);
        return;
      }
      tracked.add(item);
      item.once('close', () => tracked.delete(item));
    },
    countDataConnection: () => {
      dataConnections += 1;
    },
  };

  const listener = net.createServer((socket) => {
    if (closing) {
      socket.destroy();
      return;
    }
    state.track(socket);
    socket.setNoDelay(true);
    const session = new FtpSession(state, sessions.length + 1, socket);
    sessions.push(session);
    open.add(session);
    void session.start();
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(0, '127.0.0.1', () => resolve());
  });
  const address = listener.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    host: '127.0.0.1',
    port,
    commands,
    files: state.tree.files,
    sessions,
    activeTargets,
    get dataConnections() {
      return dataConnections;
    },
    get controlConnections() {
      return sessions.length;
    },
    waitForCommand: (predicate, timeoutMs = 5_000) => {
      const seen = commands.find(predicate);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const recent = commands.slice(-10).join(' | ');
          reject(new Error(`no matching command within ${timeoutMs} ms; last received: ${recent}`));
        }, timeoutMs);
        const waiter: CommandWaiter = {
          predicate,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        };
        waiters.add(waiter);
      });
    },
    close: async () => {
      closing = true;
      const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
      for (const session of sessions) session.close();
      for (const item of tracked) destroy(item);
      tracked.clear();
      await closed;
    },
  };
}

function destroy(item: net.Socket | net.Server): void {
  if (item instanceof net.Server) item.close();
  else item.destroy();
}
