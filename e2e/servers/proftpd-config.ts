// ProFTPD: one process; implicit TLS is a second <VirtualHost> on its own port.

import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { BINARIES, cacheDir } from './environment.js';
import type { Launch, Layout } from './server-config.js';

export async function prepareProftpd(l: Layout): Promise<Launch> {
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
    // TLSEngine off (tls: false) drops AUTH from FEAT; the other TLS directives stay inert.
    `  TLSEngine ${l.tls ? 'on' : 'off'}`,
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
    // Optional limits (StartOptions). TransferRate counts in KiB/s.
    ...(l.maxBytesPerSecond === undefined
      ? []
      : [`  TransferRate RETR,STOR,APPE ${Math.max(1, Math.round(l.maxBytesPerSecond / 1024))}`]),
    ...(l.maxClientsPerIp === undefined ? [] : [`  MaxConnectionsPerHost ${l.maxClientsPerIp}`]),
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
    // Each finished transfer with the server's own millisecond times: when it ended, how
    // long it took, which session process (xferlog has whole seconds only). Tests read it
    // to see transfers overlap.
    'LogFormat portside_transfer "%{iso8601} pid=%P ms=%{transfer-millisecs} %m %f"',
    // mod_tls is a shared module in Debian (package proftpd-mod-crypto).
    `ModulePath ${modules}`,
    'LoadModule mod_tls.c',
    '<IfModule mod_ctrls.c>',
    '  ControlsEngine off',
    `  ControlsSocket ${path.join(l.runDir, 'proftpd.sock')}`,
    '</IfModule>',
    `ExtendedLog ${path.join(l.log, 'transfers.log')} READ,WRITE portside_transfer`,
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
      path.join(l.log, 'transfers.log'),
    ],
    cleanupSync: () => undefined,
  };
}
