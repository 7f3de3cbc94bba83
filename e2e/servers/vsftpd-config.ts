// vsftpd: one process per port (a second one for implicit TLS) and a PAM service per
// instance, because vsftpd checks passwords only through PAM.

import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { BINARIES, cacheDir } from './environment.js';
import { pidAlive } from './ports.js';
import { yesNo, type Launch, type Layout } from './server-config.js';

export async function prepareVsftpd(l: Layout): Promise<Launch> {
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
      // TLS: explicit (AUTH TLS) on the control port, optional unless forceTls; none at
      // all with tls: false (vsftpd then ignores the other ssl_ settings).
      `ssl_enable=${yesNo(l.tls)}`,
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
      // debug_ssl: the log says, per TLS connection, the protocol version and whether the
      // session was resumed (what the session-reuse tests check).
      'debug_ssl=YES',
      'tcp_wrappers=NO',
      'dirmessage_enable=NO',
      // Optional limits (StartOptions): the guest login counts as a local user for the rate.
      ...(l.maxBytesPerSecond === undefined
        ? []
        : [`local_max_rate=${l.maxBytesPerSecond}`, `anon_max_rate=${l.maxBytesPerSecond}`]),
      ...(l.maxClientsPerIp === undefined ? [] : [`max_per_ip=${l.maxClientsPerIp}`]),
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
