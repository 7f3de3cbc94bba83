// The interop matrix: every server × {passive, active} × {plain, explicit TLS}, plus
// implicit TLS where the server has it (vsftpd, ProFTPD; Debian's Pure-FTPd has none).
// Only combinations that exist are generated: a skipped placeholder would be reported as if
// it had passed.
//
// What runs where, and why (the budget: the interop run well under 20 minutes on a 2-core
// CI machine, inside a 90-minute `.ci/run`):
//
// - engine.test.ts, through FtpClient and the transfer services, every combination: login
//   (test user and anonymous), listing (MLSD and LIST where offered), 50 MB down and up,
//   resume after a real cut in both directions, mkdir/rename/delete/rmdir, awkward names,
//   1,000 files in nested folders both ways, and three TLS transfers in a row where the
//   server requires TLS session reuse. All of it fits: the 50 MB transfers take about a
//   second each on loopback, and a 1,000-file tree 2-9 s each way over 4 connections.
// - cli.test.ts, the same through the built `portside` command, every combination; the CLI
//   resumes from a partial `.portside-part` file or a partial remote file (-c), because a
//   process cannot be cut at a chosen byte without racing it.
// - tls-session-reuse.test.ts: vsftpd and ProFTPD (both refuse data connections that do not
//   resume the control connection's TLS session) with TLS 1.2 and TLS 1.3 forced, checked
//   against what the servers log about each data connection.
import {
  SERVER_CAPABILITIES,
  type RunningServer,
  type ServerName,
} from '../servers/ftp-servers.js';

export type DataMode = 'passive' | 'active';
export type Security = 'plain' | 'explicit' | 'implicit';

export interface Combination {
  readonly server: ServerName;
  readonly mode: DataMode;
  readonly security: Security;
  /** Unique per server, safe in file names: `passive-explicit`. */
  readonly id: string;
  /** As test names show it: `passive, explicit TLS`. */
  readonly label: string;
}

const SECURITY_LABEL: Record<Security, string> = {
  plain: 'plain FTP',
  explicit: 'explicit TLS',
  implicit: 'implicit TLS',
};

export function combinations(server: ServerName): Combination[] {
  const securities: Security[] = ['plain', 'explicit'];
  if (SERVER_CAPABILITIES[server].implicitTls) securities.push('implicit');
  return (['passive', 'active'] as const).flatMap((mode) =>
    securities.map((security) => ({
      server,
      mode,
      security,
      id: `${mode}-${security}`,
      label: `${mode}, ${SECURITY_LABEL[security]}`,
    })),
  );
}

/** The port a combination connects to: implicit TLS has its own. */
export function portFor(server: RunningServer, security: Security): number {
  if (security !== 'implicit') return server.port;
  if (server.implicitTlsPort === undefined)
    throw new Error(`${server.name} was started without implicit TLS`);
  return server.implicitTlsPort;
}

/** The listing command the engine must choose: MLSD where FEAT offers it, else `LIST -a`. */
export function expectedListCommand(server: ServerName): 'MLSD' | 'LIST -a' {
  return SERVER_CAPABILITIES[server].mlsd ? 'MLSD' : 'LIST -a';
}

/** The command that opens a data connection in this mode (EPSV first; PORT on IPv4). */
export function dataCommandPattern(mode: DataMode): RegExp {
  return mode === 'passive' ? /^Command: (EPSV|PASV)$/m : /^Command: PORT 127,0,0,1,\d+,\d+$/m;
}
