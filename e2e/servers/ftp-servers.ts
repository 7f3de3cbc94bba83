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
//
// This module is the public interface (startServer, canStartServer(s) and the types); the
// pieces live next to it: environment.ts (binaries, accounts, can-start checks), ports.ts
// (locked port slots), certificates.ts, processes.ts and greeting.ts (running and waiting),
// server-config.ts and one *-config.ts per server (configuration writers).

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { cryptPassword, makeCertificate } from './certificates.js';
import {
  ANONYMOUS_ACCOUNT,
  cacheDir,
  canStartServer,
  FILE_OWNER,
  INSTALL_HINT,
  lookupAccount,
  serverVersion,
} from './environment.js';
import { waitForGreetings } from './greeting.js';
import { MAX_PASSIVE, releaseSlot, reserveSlot } from './ports.js';
import { installExitHook, killGroup, live, tailOf } from './processes.js';
import { prepareProftpd } from './proftpd-config.js';
import { preparePureftpd } from './pureftpd-config.js';
import { assertConfigValue, assertPathSafe, type Launch, type Layout } from './server-config.js';
import {
  SERVER_CAPABILITIES,
  SERVER_NAMES,
  type RunningServer,
  type ServerName,
  type StartOptions,
} from './server-types.js';
import { prepareVsftpd } from './vsftpd-config.js';

export { cacheDir, canStartServer, canStartServers } from './environment.js';
export {
  SERVER_CAPABILITIES,
  SERVER_NAMES,
  type CanStart,
  type RunningServer,
  type ServerCapabilities,
  type ServerFeatures,
  type ServerName,
  type StartOptions,
} from './server-types.js';

const PREPARE: Record<ServerName, (l: Layout) => Promise<Launch>> = {
  vsftpd: prepareVsftpd,
  proftpd: prepareProftpd,
  pureftpd: preparePureftpd,
};

export async function startServer(
  name: ServerName,
  options: StartOptions = {},
): Promise<RunningServer> {
  if (!SERVER_NAMES.includes(name)) throw new Error(`unknown FTP server ${String(name)}`);
  const startable = await canStartServer(name);
  if (!startable.ok) throw new Error(startable.reason);

  const can = SERVER_CAPABILITIES[name];
  const tls = options.tls ?? true;
  if (
    !tls &&
    (options.implicitTls === true || options.forceTls === true || options.requireSslReuse === true)
  )
    throw new Error('tls: false cannot be combined with implicitTls, forceTls or requireSslReuse');
  const implicitTls = tls && (options.implicitTls ?? can.implicitTls);
  if (implicitTls && !can.implicitTls) throw new Error(`${name} cannot serve implicit TLS`);
  const requireSslReuse = tls && (options.requireSslReuse ?? can.requireSslReuse);
  if (requireSslReuse && !can.requireSslReuse)
    throw new Error(`${name} cannot require TLS session reuse`);
  const passiveCount = options.passivePortCount ?? 60;
  if (!Number.isInteger(passiveCount) || passiveCount < 1 || passiveCount > MAX_PASSIVE) {
    throw new Error(`passivePortCount must be 1…${MAX_PASSIVE}`);
  }
  for (const [label, value] of [
    ['maxBytesPerSecond', options.maxBytesPerSecond],
    ['maxClientsPerIp', options.maxClientsPerIp],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1))
      throw new Error(`${label} must be a positive integer`);
  }
  if (
    name === 'pureftpd' &&
    (options.maxBytesPerSecond !== undefined || options.maxClientsPerIp !== undefined)
  )
    throw new Error('maxBytesPerSecond and maxClientsPerIp are not wired for pureftpd');
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
      tls,
      requireSslReuse,
      maxBytesPerSecond: options.maxBytesPerSecond,
      maxClientsPerIp: options.maxClientsPerIp,
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
        mlsd: SERVER_CAPABILITIES[name].mlsd,
        implicitTls,
        requireSslReuse,
        forceTls: layout.forceTls,
        tls,
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
