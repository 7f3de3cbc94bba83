// Starts and stops real vsftpd, ProFTPD and Pure-FTPd on 127.0.0.1 for interop tests,
// end-to-end tests and benchmarks. The binaries come from Debian's packages, unpacked (not
// installed: they conflict) by e2e/servers/install.sh into a cache folder.
//
// Every start is independent, so several servers (even several of the same kind) run side
// by side: a fresh temporary folder holds the configuration, a new self-signed certificate,
// the logs and the test user's home (`root`); ports come from a slot of 64 that is locked
// across processes; nothing under /etc is shared except one PAM service file per vsftpd
// instance (vsftpd authenticates only through PAM, and PAM reads services only from there).
//
// The servers run in the foreground as children of this process, in their own process
// group (stop() ends the sessions they forked too), and under `setpriv --pdeathsig` so that
// they die with the process that started them even when it is killed.
//
// Needs root: the servers switch users and chroot, vsftpd's PAM service file goes into
// /etc/pam.d, and Pure-FTPd runs in a private mount namespace (see preparePureftpd).

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import * as fs from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export type ServerName = 'vsftpd' | 'proftpd' | 'pureftpd';
export const SERVER_NAMES: readonly ServerName[] = ['vsftpd', 'proftpd', 'pureftpd'];

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

// ---------------------------------------------------------------------------------------
// Where things are

/** Same variable and default as install.sh. */
export function cacheDir(): string {
  const fromEnv = process.env['PORTSIDE_FTP_CACHE'];
  return fromEnv !== undefined && fromEnv !== ''
    ? fromEnv
    : path.join(os.homedir(), '.cache', 'portside-ftp-servers');
}

const BINARIES: Record<ServerName, { server: string; version: string[] }> = {
  vsftpd: { server: 'vsftpd/usr/sbin/vsftpd', version: ['-v'] },
  proftpd: { server: 'proftpd/usr/sbin/proftpd', version: ['-v'] },
  pureftpd: { server: 'pureftpd/usr/sbin/pure-ftpd', version: ['--help'] },
};

/** The unprivileged account every server maps the password test user to (install.sh). */
const FILE_OWNER = 'portside-ftp';
/** The anonymous account. Pure-FTPd hard-codes this name. */
const ANONYMOUS_ACCOUNT = 'ftp';
const INSTALL_HINT = 'run `sudo bash e2e/servers/install.sh`';

interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
  groupName: string;
}

async function lookupAccount(name: string): Promise<Account | undefined> {
  try {
    const { stdout } = await execFileAsync('getent', ['passwd', name]);
    const fields = stdout.trim().split(':');
    const uid = Number(fields[2]);
    const gid = Number(fields[3]);
    const { stdout: group } = await execFileAsync('getent', ['group', String(gid)]);
    return { name, uid, gid, home: fields[5] ?? '', groupName: group.split(':')[0] ?? String(gid) };
  } catch {
    return undefined;
  }
}

async function commandExists(command: string): Promise<boolean> {
  try {
    await execFileAsync('sh', ['-c', 'command -v "$1"', 'sh', command]);
    return true;
  } catch {
    return false;
  }
}

const versions = new Map<ServerName, string>();

/** Runs the binary once: a missing shared library shows up here, not as a silent start failure. */
async function serverVersion(name: ServerName): Promise<string> {
  const known = versions.get(name);
  if (known !== undefined) return known;
  const bin = BINARIES[name];
  const file = path.join(cacheDir(), bin.server);
  // vsftpd prints its version to file descriptor 0 (in inetd mode that is the socket), so
  // stdin must be something we read: run it through sh with 0>&1.
  const { stdout, stderr } =
    name === 'vsftpd'
      ? await execFileAsync('sh', ['-c', '"$0" -v 0>&1', file])
      : await execFileAsync(file, bin.version).catch((error: unknown) => {
          // pure-ftpd --help exits non-zero after printing its usage.
          const e = error as { stdout?: string; stderr?: string; code?: unknown };
          if (typeof e.code === 'number' && (e.stdout ?? '') !== '')
            return { stdout: e.stdout ?? '', stderr: '' };
          throw error;
        });
  const first = `${stdout}${stderr}`.trim().split('\n')[0] ?? '';
  const version =
    name === 'vsftpd'
      ? first.replace(/^vsftpd: version /, 'vsftpd ')
      : name === 'proftpd'
        ? first.replace(/^ProFTPD Version /, 'ProFTPD ')
        : first.replace(/^pure-ftpd v(\S+).*/, 'Pure-FTPd $1');
  versions.set(name, version);
  return version;
}

/** Whether `name` can be started here; the reason says what to do when it cannot. */
export async function canStartServer(name: ServerName): Promise<CanStart> {
  if (process.platform !== 'linux')
    return { ok: false, reason: `${name}: needs Linux (Debian 12)` };
  if (process.getuid?.() !== 0) {
    return { ok: false, reason: `${name}: needs root (the server switches users and chroots)` };
  }
  const file = path.join(cacheDir(), BINARIES[name].server);
  if (!existsSync(file))
    return { ok: false, reason: `${name}: ${file} is missing: ${INSTALL_HINT}` };
  try {
    await serverVersion(name);
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || String(error);
    return { ok: false, reason: `${name}: ${file} does not run (${detail}): ${INSTALL_HINT}` };
  }
  const tools = ['openssl', 'setpriv', ...(name === 'pureftpd' ? ['unshare', 'mount'] : [])];
  for (const tool of tools) {
    if (!(await commandExists(tool)))
      return { ok: false, reason: `${name}: \`${tool}\` not found: ${INSTALL_HINT}` };
  }
  for (const account of [FILE_OWNER, ANONYMOUS_ACCOUNT]) {
    if ((await lookupAccount(account)) === undefined) {
      return { ok: false, reason: `${name}: system user ${account} is missing: ${INSTALL_HINT}` };
    }
  }
  if (name === 'vsftpd') {
    if (!PAM_PWDFILE_PATHS.some((p) => existsSync(p))) {
      return {
        ok: false,
        reason: `vsftpd: pam_pwdfile.so is missing (libpam-pwdfile): ${INSTALL_HINT}`,
      };
    }
    // vsftpd changes into the guest account's home before it chroots into local_root.
    const owner = await lookupAccount(FILE_OWNER);
    if (owner !== undefined && !existsSync(owner.home)) {
      return {
        ok: false,
        reason: `vsftpd: the home of ${FILE_OWNER} (${owner.home}) is missing: ${INSTALL_HINT}`,
      };
    }
  }
  if (name === 'pureftpd') {
    const ftp = await lookupAccount(ANONYMOUS_ACCOUNT);
    if (ftp === undefined || !path.isAbsolute(ftp.home) || path.resolve(ftp.home) === '/') {
      return {
        ok: false,
        reason: 'pureftpd: the ftp user needs a home directory of its own (not /)',
      };
    }
  }
  return { ok: true };
}

/** Whether all of `names` (default: all three) can be started; the reasons of those that cannot. */
export async function canStartServers(
  names: readonly ServerName[] = SERVER_NAMES,
): Promise<CanStart> {
  const reasons: string[] = [];
  for (const name of names) {
    const result = await canStartServer(name);
    if (!result.ok) reasons.push(result.reason);
  }
  return reasons.length === 0 ? { ok: true } : { ok: false, reason: reasons.join('; ') };
}

const PAM_PWDFILE_PATHS = [
  '/lib/x86_64-linux-gnu/security/pam_pwdfile.so',
  '/usr/lib/x86_64-linux-gnu/security/pam_pwdfile.so',
];

// ---------------------------------------------------------------------------------------
// Ports
//
// Each instance takes a slot of 64 consecutive ports, locked by a file in the temp folder
// that names the owning pid, so parallel vitest workers and benchmark processes never pick
// the same ports (stale locks of dead processes are taken over). Slots lie below the
// kernel's ephemeral range so that no client socket on this machine is sitting on a port a
// server wants for passive mode. Every port of the slot is test-bound before use.
//
//   base+0  control port (plain and explicit TLS)
//   base+1  implicit TLS port (when asked for)
//   base+2… passive range
//
// Active-mode data connections come from an ephemeral port for vsftpd
// (connect_from_port_20=NO) and ProFTPD, and from port 20 for Pure-FTPd (it binds it as
// root): none of them needs a port of the slot.

const SLOT_SIZE = 64;
const PORT_FLOOR = 20000;
const MAX_PASSIVE = SLOT_SIZE - 2;
const LOCK_DIR = path.join(os.tmpdir(), 'portside-ftp-ports');

interface PortSlot {
  base: number;
  lockFile: string;
}

function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low !== undefined && high !== undefined && low > 0 && high >= low) return [low, high];
  } catch {
    // not Linux, or no procfs: assume the usual range
  }
  return [32768, 60999];
}

function slotBases(): number[] {
  const [low, high] = ephemeralRange();
  const bases: number[] = [];
  for (let base = PORT_FLOOR; base + SLOT_SIZE <= Math.min(low, 65536); base += SLOT_SIZE)
    bases.push(base);
  for (let base = high + 1; base + SLOT_SIZE <= 65536; base += SLOT_SIZE) bases.push(base);
  return bases;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryLock(file: string): boolean {
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number(readFileSync(file, 'utf8').trim() || 'NaN');
  if (Number.isInteger(owner) && pidAlive(owner)) return false;
  // A dead owner: take the lock over. Two processes racing here is harmless because the
  // ports are still test-bound below before anyone uses them.
  try {
    unlinkSync(file);
  } catch {
    // someone else took it over first
  }
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

async function reserveSlot(): Promise<PortSlot> {
  await fs.mkdir(LOCK_DIR, { recursive: true, mode: 0o1777 });
  const bases = slotBases();
  const start = Math.floor(Math.random() * bases.length);
  for (let i = 0; i < bases.length; i++) {
    const base = bases[(start + i) % bases.length];
    if (base === undefined) continue;
    const lockFile = path.join(LOCK_DIR, `slot-${base}`);
    if (!tryLock(lockFile)) continue;
    let free = true;
    for (let port = base; port < base + SLOT_SIZE && free; port++) free = await canBind(port);
    if (free) return { base, lockFile };
    releaseSlot({ base, lockFile });
  }
  throw new Error(`no free slot of ${SLOT_SIZE} ports on 127.0.0.1 (locks in ${LOCK_DIR})`);
}

function releaseSlot(slot: PortSlot): void {
  try {
    if (readFileSync(slot.lockFile, 'utf8').trim() === String(process.pid))
      unlinkSync(slot.lockFile);
  } catch {
    // already gone
  }
}

// ---------------------------------------------------------------------------------------
// Cleanup when this process exits without stop() (a failed test, Ctrl-C handled by vitest)

const live = new Set<{ children: ChildProcess[]; cleanupSync: () => void }>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const instance of live) {
      for (const child of instance.children) killGroup(child, 'SIGKILL');
      instance.cleanupSync();
    }
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // Negative pid: the whole process group, so the per-session processes the server
    // forked go too (they are in the group because the server was spawned detached).
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

// ---------------------------------------------------------------------------------------
// Helpers for one start

async function run(file: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`${file} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** A self-signed certificate for 127.0.0.1 (the client must trust it via caFile). */
async function makeCertificate(
  tlsDir: string,
): Promise<{ cert: string; key: string; fingerprint256: string }> {
  const cert = path.join(tlsDir, 'cert.pem');
  const key = path.join(tlsDir, 'key.pem');
  // RSA rather than EC: vsftpd's option is literally rsa_cert_file, and every client
  // (lftp/GnuTLS, curl, Node) accepts it. CA:TRUE (openssl req -x509's default) lets clients
  // use the certificate itself as the trust anchor.
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-sha256',
    '-days',
    '30',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  await fs.chmod(key, 0o600);
  await fs.chmod(cert, 0o644);
  const fingerprint256 = new X509Certificate(await fs.readFile(cert)).fingerprint256;
  return { cert, key, fingerprint256 };
}

/** SHA-512 crypt(3) hash: understood by pam_pwdfile, ProFTPD's AuthUserFile and PureDB. */
async function cryptPassword(password: string): Promise<string> {
  return (await run('openssl', ['passwd', '-6', '-stdin'], `${password}\n`)).trim();
}

function assertConfigValue(label: string, value: string): void {
  // Every value lands in a config file or a passwd-style file: no separators, no newlines.
  if (!/^[A-Za-z0-9._@+-]+$/.test(value))
    throw new Error(`${label} must match [A-Za-z0-9._@+-]+ (got ${JSON.stringify(value)})`);
}

function assertPathSafe(label: string, value: string): void {
  // Paths are written into config files unquoted by some servers (vsftpd): keep them plain.
  if (!/^[A-Za-z0-9._/+-]+$/.test(value))
    throw new Error(`${label} has characters unsafe in a server config: ${value}`);
}

/** Reads from a socket until a complete `220` reply; resolves with the reply text. */
function readGreeting(socket: net.Socket | tls.TLSSocket, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => done(new Error('no greeting')), timeoutMs);
    const done = (error?: Error, greeting?: string) => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      if (error) {
        socket.destroy();
        reject(error);
      } else {
        socket.end('QUIT\r\n');
        resolve(greeting ?? '');
      }
    };
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      // The final line of a (possibly multi-line) reply is `220 ` + text.
      const final = text.split(/\r?\n/).find((line) => /^\d{3} /.test(line));
      if (final === undefined) return;
      if (final.startsWith('220 ')) done(undefined, text.trim());
      else done(new Error(`greeting was not 220: ${text.trim()}`));
    });
    socket.on('error', (error) => done(error));
    socket.on('close', () => done(new Error('closed before the greeting')));
  });
}

async function probe(
  port: number,
  implicit: boolean,
  ca: string,
  timeoutMs: number,
): Promise<string> {
  const socket = implicit
    ? tls.connect({ host: '127.0.0.1', port, ca })
    : net.connect({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  return readGreeting(socket, timeoutMs);
}

/** Waits until every port answers 220, or a child exits, or time runs out. */
async function waitForGreetings(
  ports: { port: number; implicit: boolean }[],
  children: ChildProcess[],
  ca: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const { port, implicit } of ports) {
    for (;;) {
      const dead = children.find((c) => c.exitCode !== null || c.signalCode !== null);
      if (dead)
        throw new Error(
          `the server exited (${dead.exitCode ?? dead.signalCode}) before answering on port ${port}`,
        );
      try {
        await probe(port, implicit, ca, Math.max(500, deadline - Date.now()));
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`no 220 greeting on port ${port}: ${(error as Error).message}`, {
            cause: error,
          });
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
}

function tailOf(file: string, lines: number): string {
  try {
    const text = readFileSync(file, 'utf8').trimEnd();
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------
// Per-server configuration

interface Layout {
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
  requireSslReuse: boolean;
  id: string;
}

interface Launch {
  /** argv after `setpriv --pdeathsig TERM --` */
  commands: string[][];
  logFiles: string[];
  /** Undo anything done outside `dir` (the vsftpd PAM service file). */
  cleanupSync: () => void;
}

const yesNo = (b: boolean) => (b ? 'YES' : 'NO');

async function prepareVsftpd(l: Layout): Promise<Launch> {
  const bin = path.join(cacheDir(), BINARIES.vsftpd.server);
  // vsftpd checks passwords only through PAM. A PAM service per instance, with pam_pwdfile
  // reading this instance's password file, gives each start its own virtual user without
  // touching /etc/passwd. guest_enable maps that login to FILE_OWNER.
  // Linux-PAM lower-cases service names before it opens /etc/pam.d/<service>: a name with
  // capitals silently falls through to the `other` service, which denies everything.
  const pamService = `portside-vsftpd-${l.id}`.toLowerCase();
  const pamFile = path.join('/etc/pam.d', pamService);
  const pwdFile = path.join(l.etc, 'vsftpd.passwd');
  await fs.writeFile(pwdFile, `${l.user}:${l.hash}\n`, { mode: 0o600 });
  sweepStalePamServices();
  await fs.writeFile(
    pamFile,
    [
      `# Portside e2e vsftpd instance; removed by stop(), swept once its owner is gone.`,
      `# owner-pid=${process.pid}`,
      `auth     required pam_pwdfile.so pwdfile=${pwdFile}`,
      'account  required pam_permit.so',
      'session  required pam_permit.so',
      'password required pam_deny.so',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );

  const config = (port: number, implicit: boolean, logName: string) =>
    [
      // Standalone, in the foreground, on loopback only.
      'listen=YES',
      'listen_ipv6=NO',
      'listen_address=127.0.0.1',
      `listen_port=${port}`,
      'background=NO',
      // Sessions run in fresh network namespaces by default (isolate_network) and reach
      // the outside through a privileged helper; that works as root here, and it is what
      // real installations run, so the defaults stay. The seccomp sandbox does not: its
      // 3.0.3 syscall list predates current glibc ("500 OOPS: child died").
      'seccomp_sandbox=NO',
      // The password test user: virtual, chrooted into root, with local-user privileges.
      'local_enable=YES',
      'write_enable=YES',
      'local_umask=022',
      'guest_enable=YES',
      `guest_username=${l.owner.name}`,
      'virtual_use_local_privs=YES',
      `local_root=${l.root}`,
      'chroot_local_user=YES',
      'allow_writeable_chroot=YES',
      `pam_service_name=${pamService}`,
      `secure_chroot_dir=${l.empty}`,
      // Anonymous: read-only, same folder. It still asks for a password (331) like most sites.
      'anonymous_enable=YES',
      `anon_root=${l.root}`,
      `ftp_username=${l.ftp.name}`,
      'anon_upload_enable=NO',
      'anon_mkdir_write_enable=NO',
      'anon_other_write_enable=NO',
      // Data connections. connect_from_port_20=NO: active-mode connections come from an
      // ephemeral port instead of 20 (two instances cannot both own port 20).
      'pasv_enable=YES',
      `pasv_min_port=${l.pasv[0]}`,
      `pasv_max_port=${l.pasv[1]}`,
      'port_enable=YES',
      'connect_from_port_20=NO',
      // UTF-8 names: FEAT lists UTF8 and OPTS UTF8 ON is accepted.
      'utf8_filesystem=YES',
      // TLS: explicit (AUTH TLS) on the control port, optional unless forceTls.
      'ssl_enable=YES',
      `implicit_ssl=${yesNo(implicit)}`,
      `rsa_cert_file=${l.cert}`,
      `rsa_private_key_file=${l.key}`,
      // ssl_ciphers stays at Debian's default, ECDHE-RSA-AES256-GCM-SHA384 (the only TLS 1.2
      // suite offered; TLS 1.3 suites are not governed by it), as on a stock installation.
      'ssl_sslv2=NO',
      'ssl_sslv3=NO',
      'ssl_tlsv1=YES',
      `require_ssl_reuse=${yesNo(l.requireSslReuse)}`,
      'allow_anon_ssl=YES',
      `force_local_logins_ssl=${yesNo(l.forceTls)}`,
      `force_local_data_ssl=${yesNo(l.forceTls)}`,
      'force_anon_logins_ssl=NO',
      'force_anon_data_ssl=NO',
      // Logs: the FTP conversation and transfers, to a file (there is no syslog here).
      'xferlog_enable=YES',
      'xferlog_std_format=NO',
      'log_ftp_protocol=YES',
      'syslog_enable=NO',
      `vsftpd_log_file=${path.join(l.log, logName)}`,
      'tcp_wrappers=NO',
      'dirmessage_enable=NO',
      '',
    ].join('\n');

  const mainConf = path.join(l.etc, 'vsftpd.conf');
  // vsftpd refuses a config file that root does not own; we are root, so it is ours.
  await fs.writeFile(mainConf, config(l.port, false, 'vsftpd.log'), { mode: 0o600 });
  const commands = [[bin, mainConf]];
  const logFiles = [path.join(l.log, 'vsftpd.log')];
  if (l.implicitPort !== undefined) {
    // One port per vsftpd process: implicit TLS is a second process on the same folder.
    const implicitConf = path.join(l.etc, 'vsftpd-implicit.conf');
    await fs.writeFile(implicitConf, config(l.implicitPort, true, 'vsftpd-implicit.log'), {
      mode: 0o600,
    });
    commands.push([bin, implicitConf]);
    logFiles.push(path.join(l.log, 'vsftpd-implicit.log'));
  }
  return {
    commands,
    logFiles,
    cleanupSync: () => rmSync(pamFile, { force: true }),
  };
}

/**
 * Removes the PAM services of instances that were never stopped (their process was killed):
 * those whose owner process is dead or whose password file is gone.
 */
function sweepStalePamServices(): void {
  for (const entry of readdirSync('/etc/pam.d')) {
    if (!entry.startsWith('portside-vsftpd-')) continue;
    const file = path.join('/etc/pam.d', entry);
    try {
      const text = readFileSync(file, 'utf8');
      const owner = Number(/owner-pid=(\d+)/.exec(text)?.[1] ?? 'NaN');
      const pwdFile = /pwdfile=(\S+)/.exec(text)?.[1];
      const stale =
        !Number.isInteger(owner) ||
        !pidAlive(owner) ||
        pwdFile === undefined ||
        !existsSync(pwdFile);
      if (stale) rmSync(file, { force: true });
    } catch {
      // raced with its owner's stop()
    }
  }
}

async function prepareProftpd(l: Layout): Promise<Launch> {
  const bin = path.join(cacheDir(), BINARIES.proftpd.server);
  const modules = path.join(cacheDir(), 'proftpd/usr/lib/proftpd');
  // AuthUserFile: a virtual user mapped to FILE_OWNER's uid/gid, home = root.
  const passwd = path.join(l.etc, 'ftpd.passwd');
  const group = path.join(l.etc, 'ftpd.group');
  await fs.writeFile(
    passwd,
    `${l.user}:${l.hash}:${l.owner.uid}:${l.owner.gid}::${l.root}:/bin/false\n`,
    { mode: 0o600 },
  );
  await fs.writeFile(group, `${l.owner.groupName}:x:${l.owner.gid}:\n`, { mode: 0o600 });

  const tlsOptions = (implicit: boolean) => [
    // mod_tls refuses TLS data connections that do not reuse the control session unless
    // told otherwise, like vsftpd.
    ...(l.requireSslReuse ? [] : ['NoSessionReuseRequired']),
    ...(implicit ? ['UseImplicitSSL'] : []),
  ];
  // Directives shared by the main server and the implicit-TLS virtual host. A <VirtualHost>
  // inherits nothing from the main server, so both include this block.
  const site = (implicit: boolean) => [
    '  TLSEngine on',
    '  TLSProtocol TLSv1.2 TLSv1.3',
    `  TLSRSACertificateFile ${l.cert}`,
    `  TLSRSACertificateKeyFile ${l.key}`,
    '  TLSVerifyClient off',
    `  TLSRequired ${l.forceTls ? 'on' : 'off'}`,
    `  TLSLog ${path.join(l.log, 'tls.log')}`,
    ...(tlsOptions(implicit).length > 0 ? [`  TLSOptions ${tlsOptions(implicit).join(' ')}`] : []),
    `  PassivePorts ${l.pasv[0]} ${l.pasv[1]}`,
    '  AuthPAM off',
    // Our file first (the test user); the system's passwd after it, for the ftp account.
    '  AuthOrder mod_auth_file.c mod_auth_unix.c',
    `  AuthUserFile ${passwd}`,
    `  AuthGroupFile ${group}`,
    '  RequireValidShell off',
    '  DefaultRoot ~',
    '  AllowOverwrite on',
    '  AllowStoreRestart on',
    '  AllowRetrieveRestart on',
    `  <Anonymous ${l.root}>`,
    `    User ${l.ftp.name}`,
    `    Group ${l.ftp.groupName}`,
    `    UserAlias anonymous ${l.ftp.name}`,
    '    RequireValidShell off',
    '    <Limit WRITE SITE_CHMOD>',
    '      DenyAll',
    '    </Limit>',
    '  </Anonymous>',
  ];
  const conf = [
    `ServerName "Portside test ProFTPD"`,
    'ServerType standalone',
    'DefaultServer on',
    'UseIPv6 off',
    'DefaultAddress 127.0.0.1',
    'SocketBindTight on',
    `Port ${l.port}`,
    'UseReverseDNS off',
    'User nobody',
    'Group nogroup',
    'Umask 022',
    'MaxInstances 100',
    'WtmpLog off',
    `PidFile ${path.join(l.runDir, 'proftpd.pid')}`,
    `ScoreboardFile ${path.join(l.runDir, 'proftpd.scoreboard')}`,
    `DelayTable ${path.join(l.runDir, 'proftpd.delay')}`,
    `SystemLog ${path.join(l.log, 'proftpd.log')}`,
    `TransferLog ${path.join(l.log, 'xferlog')}`,
    // mod_tls is a shared module in Debian (package proftpd-mod-crypto).
    `ModulePath ${modules}`,
    'LoadModule mod_tls.c',
    '<IfModule mod_ctrls.c>',
    '  ControlsEngine off',
    `  ControlsSocket ${path.join(l.runDir, 'proftpd.sock')}`,
    '</IfModule>',
    ...site(false),
    ...(l.implicitPort === undefined
      ? []
      : [
          `<VirtualHost 127.0.0.1>`,
          `  Port ${l.implicitPort}`,
          `  ServerName "Portside test ProFTPD (implicit TLS)"`,
          ...site(true).map((s) => `  ${s}`),
          '</VirtualHost>',
        ]),
    '',
  ].join('\n');
  const confFile = path.join(l.etc, 'proftpd.conf');
  await fs.writeFile(confFile, conf, { mode: 0o600 });
  return {
    commands: [[bin, '--nodaemon', '--config', confFile]],
    logFiles: [
      path.join(l.log, 'proftpd.log'),
      path.join(l.log, 'tls.log'),
      path.join(l.log, 'xferlog'),
    ],
    cleanupSync: () => undefined,
  };
}

async function preparePureftpd(l: Layout): Promise<Launch> {
  const bin = path.join(cacheDir(), BINARIES.pureftpd.server);
  const purePw = path.join(cacheDir(), 'pureftpd/usr/bin/pure-pw');
  // PureDB virtual user. Fields: account:password:uid:gid:gecos:home and 12 limits left
  // empty; `/./` in the home marks the chroot point.
  const passwd = path.join(l.etc, 'pureftpd.passwd');
  const pdb = path.join(l.etc, 'pureftpd.pdb');
  const fields = [
    l.user,
    l.hash,
    String(l.owner.uid),
    String(l.owner.gid),
    '',
    `${l.root}/./`,
    ...Array<string>(12).fill(''),
  ];
  await fs.writeFile(passwd, `${fields.join(':')}\n`, { mode: 0o600 });
  await run(purePw, ['mkdb', pdb, '-f', passwd]);

  const args = [
    bin,
    `--bind=127.0.0.1,${l.port}`,
    `--login=puredb:${pdb}`,
    '--chrooteveryone',
    '--dontresolve',
    `--passiveportrange=${l.pasv[0]}:${l.pasv[1]}`,
    // 1 = TLS optional, 2 = plain-text logins refused (data may still be clear).
    `--tls=${l.forceTls ? 2 : 1}`,
    `--certfile=${l.cert},${l.key}`,
    '--anonymouscantupload',
    '--minuid=1',
    // Otherwise every instance would write the same /var/run/pure-ftpd.pid.
    `--pidfile=${path.join(l.runDir, 'pure-ftpd.pid')}`,
    `--altlog=clf:${path.join(l.log, 'transfer.log')}`,
    '--verboselog',
    // No --maxclientsnumber: Pure-FTPd lowers any limit to half the passive range anyway
    // (its greeting says "You are user number 1 of 30 allowed" for 60 passive ports).
  ];
  // Pure-FTPd serves anonymous users from the home directory of the system user `ftp` and
  // has no option to change that. So it runs in a private mount namespace where this
  // instance's root is bind-mounted over ~ftp: every instance has its own anonymous root,
  // and nothing outside the namespace sees the mount.
  if (!existsSync(l.ftp.home)) await fs.mkdir(l.ftp.home, { recursive: true, mode: 0o755 });
  const command = [
    'unshare',
    '--mount',
    '--propagation',
    'private',
    '--',
    'sh',
    '-c',
    'mount --bind "$1" "$2" && shift 2 && exec "$@"',
    'sh',
    l.root,
    l.ftp.home,
    ...args,
  ];
  return {
    commands: [command],
    // Pure-FTPd logs its conversation only to syslog, which is absent on these machines:
    // the transfer log and its stderr are what there is.
    logFiles: [path.join(l.log, 'transfer.log')],
    cleanupSync: () => undefined,
  };
}

const PREPARE: Record<ServerName, (l: Layout) => Promise<Launch>> = {
  vsftpd: prepareVsftpd,
  proftpd: prepareProftpd,
  pureftpd: preparePureftpd,
};

// ---------------------------------------------------------------------------------------
// start

export async function startServer(
  name: ServerName,
  options: StartOptions = {},
): Promise<RunningServer> {
  if (!SERVER_NAMES.includes(name)) throw new Error(`unknown FTP server ${String(name)}`);
  const can = await canStartServer(name);
  if (!can.ok) throw new Error(can.reason);

  const canImplicit = name !== 'pureftpd';
  const implicitTls = options.implicitTls ?? canImplicit;
  if (implicitTls && !canImplicit) throw new Error(`${name} cannot serve implicit TLS`);
  const requireSslReuse = options.requireSslReuse ?? name !== 'pureftpd';
  if (requireSslReuse && name === 'pureftpd')
    throw new Error('pureftpd cannot require TLS session reuse');
  const passiveCount = options.passivePortCount ?? 60;
  if (!Number.isInteger(passiveCount) || passiveCount < 1 || passiveCount > MAX_PASSIVE) {
    throw new Error(`passivePortCount must be 1…${MAX_PASSIVE}`);
  }
  const user = options.user ?? 'portside';
  const password = options.password ?? randomBytes(18).toString('base64url');
  assertConfigValue('user', user);
  if (/[\r\n\0]/.test(password) || password === '')
    throw new Error('password must be non-empty, without CR, LF or NUL');

  const owner = await lookupAccount(FILE_OWNER);
  const ftp = await lookupAccount(ANONYMOUS_ACCOUNT);
  if (owner === undefined || ftp === undefined)
    throw new Error(`system users ${FILE_OWNER}/${ANONYMOUS_ACCOUNT} missing: ${INSTALL_HINT}`);

  installExitHook();
  const slot = await reserveSlot();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `portside-${name}-`));
  const children: ChildProcess[] = [];
  let launch: Launch | undefined;
  const keep = options.keepFiles === true || process.env['PORTSIDE_FTP_KEEP'] === '1';
  let cleaned = false;
  const cleanupSync = () => {
    if (cleaned) return;
    cleaned = true;
    launch?.cleanupSync();
    releaseSlot(slot);
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  const entry = { children, cleanupSync };
  live.add(entry);

  const logDir = path.join(dir, 'log');
  const stdoutLog = path.join(logDir, 'server-output.log');
  const allLogs = () => [...(launch?.logFiles ?? []), stdoutLog];
  const logTail = (lines = 30) =>
    allLogs()
      .map((file) => [file, tailOf(file, lines)] as const)
      .filter(([, text]) => text !== '')
      .map(([file, text]) => `--- ${path.basename(file)}\n${text}`)
      .join('\n');

  // The instance stays in `live` until its files are gone, so that the exit hook still
  // cleans up when the process dies in the middle of stop().
  const stopNow = async () => {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          killGroup(child, 'SIGTERM');
          const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
          await exited;
          clearTimeout(timer);
        }
        // Sessions forked by the server may outlive it: end what is left of the group.
        killGroup(child, 'SIGKILL');
      }),
    );
    cleanupSync();
    live.delete(entry);
  };
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopNow());

  try {
    // The folder must be traversable by the servers' unprivileged processes; mkdtemp makes it 0700.
    await fs.chmod(dir, 0o755);
    const root = path.join(dir, 'root');
    const etc = path.join(dir, 'etc');
    const tlsDir = path.join(dir, 'tls');
    const runDir = path.join(dir, 'run');
    const empty = path.join(dir, 'empty');
    for (const d of [root, etc, tlsDir, runDir, empty, logDir]) await fs.mkdir(d, { mode: 0o755 });
    // The test user owns its home; anonymous (another uid) can read but not write it.
    await fs.chown(root, owner.uid, owner.gid);
    assertPathSafe('temporary folder', dir);
    assertPathSafe('cache folder', cacheDir());

    const { cert, key, fingerprint256 } = await makeCertificate(tlsDir);
    const hash = await cryptPassword(password);
    const layout: Layout = {
      dir,
      root,
      etc,
      log: logDir,
      runDir,
      empty,
      cert,
      key,
      port: slot.base,
      implicitPort: implicitTls ? slot.base + 1 : undefined,
      pasv: [slot.base + 2, slot.base + 2 + passiveCount - 1],
      user,
      hash,
      owner,
      ftp,
      forceTls: options.forceTls === true,
      requireSslReuse,
      id: `${process.pid}-${path.basename(dir).replace(/^portside-\w+-/, '')}`,
    };
    launch = await PREPARE[name](layout);

    for (const command of launch.commands) {
      const out = openSync(stdoutLog, 'a');
      try {
        const child = spawn('setpriv', ['--pdeathsig', 'TERM', '--', ...command], {
          stdio: ['ignore', out, out],
          detached: true,
          cwd: dir,
          // C.UTF-8 so that nothing converts names to ASCII (ProFTPD's mod_lang follows the locale).
          env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
        });
        child.on('error', () => undefined);
        // A forgotten stop() must not keep the process alive: the exit hook and
        // --pdeathsig end the server when this process goes.
        child.unref();
        children.push(child);
      } finally {
        closeSync(out);
      }
    }

    const ports = [{ port: layout.port, implicit: false }];
    if (layout.implicitPort !== undefined)
      ports.push({ port: layout.implicitPort, implicit: true });
    await waitForGreetings(
      ports,
      children,
      await fs.readFile(cert, 'utf8'),
      options.startTimeoutMs ?? 15000,
    );

    const localPath = (relative: string) => {
      const resolved = path.resolve(root, relative);
      if (resolved !== root && !resolved.startsWith(root + path.sep))
        throw new Error(`${relative} leaves the server root`);
      return resolved;
    };
    const mkdirOwned = async (absolute: string) => {
      // Create each missing level and give it to the test user, so it can write inside.
      const missing: string[] = [];
      for (let d = absolute; d !== root && !existsSync(d); d = path.dirname(d)) missing.unshift(d);
      for (const d of missing) {
        await fs.mkdir(d, { mode: 0o755 });
        await fs.chown(d, owner.uid, owner.gid);
      }
    };

    const server: RunningServer = {
      name,
      host: '127.0.0.1',
      port: layout.port,
      ...(layout.implicitPort !== undefined ? { implicitTlsPort: layout.implicitPort } : {}),
      passivePortRange: layout.pasv,
      user,
      password,
      anonymous: true,
      root,
      caFile: cert,
      fingerprint256,
      features: {
        mlsd: name !== 'vsftpd',
        implicitTls,
        requireSslReuse,
        forceTls: layout.forceTls,
      },
      version: await serverVersion(name),
      dir,
      logFiles: allLogs(),
      localPath,
      async writeFile(relative, data) {
        const target = localPath(relative);
        await mkdirOwned(path.dirname(target));
        await fs.writeFile(target, data, { mode: 0o644 });
        await fs.chmod(target, 0o644);
        await fs.chown(target, owner.uid, owner.gid);
        return target;
      },
      async mkdir(relative) {
        const target = localPath(relative);
        await mkdirOwned(target);
        return target;
      },
      logTail,
      stop,
    };
    return server;
  } catch (error) {
    const tail = logTail(40);
    await stop();
    const message = `${name} did not start: ${(error as Error).message}`;
    throw new Error(tail === '' ? message : `${message}\n${tail}`, { cause: error });
  }
}
