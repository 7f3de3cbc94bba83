// What every per-server configuration writer gets (Layout: folders, ports, accounts of one
// instance) and returns (Launch: the commands to run), and the checks on values that end
// up in configuration files.

import type { Account } from './environment.js';

export function assertConfigValue(label: string, value: string): void {
  // Every value lands in a config file or a passwd-style file: no separators, no newlines.
  if (!/^[A-Za-z0-9._@+-]+$/.test(value))
    throw new Error(`${label} must match [A-Za-z0-9._@+-]+ (got ${JSON.stringify(value)})`);
}

export function assertPathSafe(label: string, value: string): void {
  // Paths are written into config files unquoted by some servers (vsftpd): keep them plain.
  if (!/^[A-Za-z0-9._/+-]+$/.test(value))
    throw new Error(`${label} has characters unsafe in a server config: ${value}`);
}

export interface Layout {
  dir: string;
  root: string;
  etc: string;
  log: string;
  runDir: string;
  empty: string;
  cert: string;
  key: string;
  port: number;
  implicitPort: number | undefined;
  pasv: [number, number];
  user: string;
  hash: string;
  owner: Account;
  ftp: Account;
  forceTls: boolean;
  /** Offer TLS at all (StartOptions.tls). */
  tls: boolean;
  requireSslReuse: boolean;
  /** StartOptions.maxBytesPerSecond (undefined: unlimited). */
  maxBytesPerSecond: number | undefined;
  /** StartOptions.maxClientsPerIp (undefined: the server's default). */
  maxClientsPerIp: number | undefined;
  id: string;
}

export interface Launch {
  /** argv after `setpriv --pdeathsig TERM --` */
  commands: string[][];
  logFiles: string[];
  /** Undo anything done outside `dir` (the vsftpd PAM service file). */
  cleanupSync: () => void;
}

export const yesNo = (b: boolean) => (b ? 'YES' : 'NO');
