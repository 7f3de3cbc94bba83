// Where the servers and the accounts they need are, and whether this machine can start them
// (Linux, root, install.sh run): a clear reason when it cannot.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { SERVER_NAMES, type CanStart, type ServerName } from './server-types.js';

const execFileAsync = promisify(execFile);

/** Same variable and default as install.sh. */
export function cacheDir(): string {
  const fromEnv = process.env['PORTSIDE_FTP_CACHE'];
  return fromEnv !== undefined && fromEnv !== ''
    ? fromEnv
    : path.join(os.homedir(), '.cache', 'portside-ftp-servers');
}

export const BINARIES: Record<ServerName, { server: string; version: string[] }> = {
  vsftpd: { server: 'vsftpd/usr/sbin/vsftpd', version: ['-v'] },
  proftpd: { server: 'proftpd/usr/sbin/proftpd', version: ['-v'] },
  pureftpd: { server: 'pureftpd/usr/sbin/pure-ftpd', version: ['--help'] },
};

/** The unprivileged account every server maps the password test user to (install.sh). */
export const FILE_OWNER = 'portside-ftp';
/** The anonymous account. Pure-FTPd hard-codes this name. */
export const ANONYMOUS_ACCOUNT = 'ftp';
export const INSTALL_HINT = 'run `sudo bash e2e/servers/install.sh`';

export interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
  groupName: string;
}

export async function lookupAccount(name: string): Promise<Account | undefined> {
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
export async function serverVersion(name: ServerName): Promise<string> {
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
