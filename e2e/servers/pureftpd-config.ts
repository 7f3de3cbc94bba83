// Pure-FTPd: command-line options only, a PureDB virtual user, and a private mount
// namespace for its hard-wired anonymous root.

import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { BINARIES, cacheDir } from './environment.js';
import { run } from './processes.js';
import type { Launch, Layout } from './server-config.js';

export async function preparePureftpd(l: Layout): Promise<Launch> {
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
    // 0 = no TLS (tls: false), 1 = TLS optional, 2 = plain-text logins refused (data may
    // still be clear).
    `--tls=${!l.tls ? 0 : l.forceTls ? 2 : 1}`,
    // A certificate file alone makes Pure-FTPd offer AUTH TLS, whatever --tls says.
    ...(l.tls ? [`--certfile=${l.cert},${l.key}`] : []),
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
