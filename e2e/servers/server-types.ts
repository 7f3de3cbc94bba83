// The public shapes of e2e/servers: what a caller asks for (StartOptions) and what it gets
// back (RunningServer). Re-exported by ftp-servers.ts, which is the module callers import.

export type ServerName = 'vsftpd' | 'proftpd' | 'pureftpd';
export const SERVER_NAMES: readonly ServerName[] = ['vsftpd', 'proftpd', 'pureftpd'];

/** What each server can do, known before it starts (tests are generated from this). */
export interface ServerCapabilities {
  /** FEAT lists MLST and the server answers MLSD. */
  readonly mlsd: boolean;
  /** Can listen for implicit TLS (default on where it can). */
  readonly implicitTls: boolean;
  /** Can refuse TLS data connections that do not resume the control session (default on). */
  readonly requireSslReuse: boolean;
}

export const SERVER_CAPABILITIES: Readonly<Record<ServerName, ServerCapabilities>> = {
  vsftpd: { mlsd: false, implicitTls: true, requireSslReuse: true },
  proftpd: { mlsd: true, implicitTls: true, requireSslReuse: true },
  // Debian's Pure-FTPd has no implicit TLS and no session-reuse check.
  pureftpd: { mlsd: true, implicitTls: false, requireSslReuse: false },
};

export interface StartOptions {
  /** Login of the password test user (default `portside`). */
  user?: string;
  /** Its password (default: random, 24 characters). */
  password?: string;
  /**
   * Size of the passive port range (default 60, at most 62). Pure-FTPd admits at most half
   * this many simultaneous clients (it caps its client limit to the range size / 2).
   */
  passivePortCount?: number;
  /**
   * Also listen for implicit TLS (TLS before the greeting) on `implicitTlsPort`.
   * Default: true where the server can (vsftpd: a second process with `implicit_ssl=YES`;
   * ProFTPD: a second virtual host with `TLSOptions UseImplicitSSL`). Pure-FTPd cannot:
   * asking for it there throws.
   */
  implicitTls?: boolean;
  /**
   * Refuse TLS data connections that do not reuse the control connection's TLS session.
   * Default: true for vsftpd and ProFTPD (both servers' own default); Pure-FTPd has no such
   * check, so asking for it there throws.
   */
  requireSslReuse?: boolean;
  /** Refuse plain-text logins and data (default false: one server serves plain and TLS tests). */
  forceTls?: boolean;
  /**
   * Offer TLS at all (default true). false: a plain-FTP-only server, like the one in the
   * reference article: AUTH TLS is refused, so a client set to "TLS if available" logs in
   * in clear without a certificate question (the end-to-end flows that are not about TLS).
   * Pure-FTPd still lists AUTH TLS in FEAT then (built in), but refuses it with 500.
   * Cannot be combined with implicitTls, forceTls or requireSslReuse.
   */
  tls?: boolean;
  /**
   * Cap each session's transfer speed, in bytes per second (default: none). Makes transfers
   * last long enough to be seen overlapping, or cut in the middle. vsftpd: local_max_rate
   * and anon_max_rate; ProFTPD: TransferRate (rounded to whole KiB/s). Pure-FTPd: not wired.
   */
  maxBytesPerSecond?: number;
  /**
   * At most this many simultaneous connections from one address (default: the server's own
   * default, none here); the next login is refused ("421 too many connections").
   * vsftpd: max_per_ip; ProFTPD: MaxConnectionsPerHost. Pure-FTPd: not wired.
   */
  maxClientsPerIp?: number;
  /** How long to wait for the `220` greeting (default 15 s). */
  startTimeoutMs?: number;
  /** Keep the temporary folder after stop() (also with PORTSIDE_FTP_KEEP=1), for debugging. */
  keepFiles?: boolean;
}

export interface ServerFeatures {
  /** FEAT lists MLST and the server answers MLSD (ProFTPD, Pure-FTPd; not vsftpd). */
  mlsd: boolean;
  /** `implicitTlsPort` is set. */
  implicitTls: boolean;
  /** TLS data connections must reuse the control connection's TLS session. */
  requireSslReuse: boolean;
  /** Plain-text logins are refused (StartOptions.forceTls). */
  forceTls: boolean;
  /** TLS is offered (AUTH TLS in FEAT); false with StartOptions.tls false. */
  tls: boolean;
}

export interface RunningServer {
  readonly name: ServerName;
  readonly host: '127.0.0.1';
  /** Control port: plain FTP and explicit TLS (AUTH TLS). */
  readonly port: number;
  /** Implicit TLS port, when features.implicitTls. */
  readonly implicitTlsPort?: number;
  /** Inclusive range the server picks passive data ports from. */
  readonly passivePortRange: readonly [number, number];
  readonly user: string;
  readonly password: string;
  /** `anonymous` (any password) may log in, read-only, and sees the same folder as `user`. */
  readonly anonymous: boolean;
  /**
   * Folder on disk that is the test user's home and FTP root (chrooted: the client sees it
   * as `/`). Files written here directly should go through writeFile()/mkdir() so that the
   * server's user owns them (the test user cannot overwrite or append to root's files).
   */
  readonly root: string;
  /** PEM of the self-signed certificate (CN and subjectAltName IP 127.0.0.1): trust this. */
  readonly caFile: string;
  /** SHA-256 fingerprint of that certificate, `AB:CD:…` as Node's X509Certificate prints it. */
  readonly fingerprint256: string;
  readonly features: ServerFeatures;
  /** Server version as its binary reports it, e.g. `vsftpd 3.0.3`. */
  readonly version: string;
  /** Temporary folder with configuration, certificate and logs (and `root`). */
  readonly dir: string;
  /** The server's log files (protocol, TLS, transfer, stdout/stderr). */
  readonly logFiles: readonly string[];
  /** Absolute path of a path relative to `root`; refuses anything that leaves `root`. */
  localPath(relative: string): string;
  /** Writes a file under `root` (parents created), owned by the test user, mode 0644. */
  writeFile(relative: string, data: string | Uint8Array): Promise<string>;
  /** Creates a folder under `root` (and its parents), owned by the test user, mode 0755. */
  mkdir(relative: string): Promise<string>;
  /** The last lines of every log file, for error messages. */
  logTail(lines?: number): string;
  /** Stops the server and its sessions and removes its files. Safe to call twice. */
  stop(): Promise<void>;
}

export type CanStart = { ok: true } | { ok: false; reason: string };
