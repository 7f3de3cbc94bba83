// Default behaviour of the fake server for each command: enough ordinary FTP (RFC 959, 2228,
// 2428, 3659, 4217) for a client to log in, move around, list, download and upload.
import { posix } from 'node:path';
import {
  listenDecoy,
  listenPassive,
  parseEprtArgument,
  parsePortArgument,
  pasvReply,
  type ActiveData,
} from './fake-ftp-data.js';
import { ftpTimestamp, mlsdFacts, parseFtpTimestamp } from './fake-ftp-listing.js';
import type { Command } from './fake-ftp-session.js';
import { appe, list, mlsd, nlst, retr, stor } from './fake-ftp-transfers.js';
import { resolvePath } from './fake-ftp-tree.js';

type DefaultCommand = (cmd: Command) => void | Promise<void>;

export const DEFAULT_FEATURES: readonly string[] = [
  'EPSV',
  'MDTM',
  'SIZE',
  'REST STREAM',
  'UTF8',
  'MLST type*;size*;modify*;',
];

// Everything else answers 530 until the client has logged in.
const BEFORE_LOGIN = new Set([
  'USER',
  'PASS',
  'ACCT',
  'AUTH',
  'PBSZ',
  'PROT',
  'FEAT',
  'SYST',
  'OPTS',
  'NOOP',
  'QUIT',
  'ABOR',
]);

export function features(cmd: Command): readonly string[] {
  const { options } = cmd.session.server;
  const base = options.features ?? DEFAULT_FEATURES;
  return options.tls === undefined ? base : [...base, 'AUTH TLS', 'PBSZ', 'PROT'];
}

function hasMlst(cmd: Command): boolean {
  return features(cmd).some((feature) => /^MLST\b/i.test(feature));
}

const quotePath = (path: string): string => `"${path.replaceAll('"', '""')}"`;

const isAnonymous = (name: string): boolean => ['anonymous', 'ftp'].includes(name.toLowerCase());

async function preparePassive(cmd: Command, reply: (port: number) => string): Promise<void> {
  const { session } = cmd;
  const { server } = session;
  const pending = await listenPassive(server, server.options.dataTimeoutMs ?? 10_000);
  session.setPendingData(pending);
  const decoy = server.options.passiveDataPort ?? 'normal';
  // With a decoy the client is sent elsewhere while the real listener waits in vain.
  const port = decoy === 'normal' ? pending.port : await listenDecoy(server, decoy);
  cmd.reply(reply(port));
}

function prepareActive(cmd: Command, target: ActiveData | null, command: 'PORT' | 'EPRT'): void {
  if (target === null) {
    cmd.reply(`501 Illegal ${command} command.`);
    return;
  }
  cmd.session.server.activeTargets.push({ command, host: target.host, port: target.port });
  cmd.session.setPendingData(target);
  cmd.reply(`200 ${command} command successful. Consider using PASV.`);
}

const COMMANDS: Readonly<Record<string, DefaultCommand>> = {
  USER: ({ session, arg, reply }) => {
    session.user = arg;
    session.loggedIn = false;
    reply('331 Please specify the password.');
  },
  PASS: ({ session, arg, reply }) => {
    const { options } = session.server;
    if (session.user === null) return reply('503 Login with USER first.');
    if (session.loggedIn) return reply('230 Already logged in.');
    const anonymous = options.allowAnonymous === true && isAnonymous(session.user);
    const valid =
      anonymous ||
      (session.user === (options.user ?? 'alice') && arg === (options.password ?? 'secret'));
    if (!valid) {
      session.user = null;
      return reply('530 Login incorrect.');
    }
    if (options.account !== undefined && !anonymous) return reply('332 Need account for login.');
    session.loggedIn = true;
    reply('230 Login successful.');
  },
  // Only reached when PASS (the default with `account`, or a handler) answered 332.
  ACCT: ({ session, arg, reply }) => {
    const expected = session.server.options.account;
    if (session.loggedIn) return reply('202 ACCT not needed.');
    if (session.user === null) return reply('503 Login with USER first.');
    if (expected !== undefined && arg !== expected) return reply('530 Login incorrect.');
    session.loggedIn = true;
    reply('230 Login successful.');
  },
  SYST: ({ reply }) => reply('215 UNIX Type: L8'),
  FEAT: (cmd) =>
    cmd.reply(['211-Features:', ...features(cmd).map((f) => ` ${f}`), '211 End'].join('\r\n')),
  OPTS: ({ arg, reply }) => {
    if (/^UTF8(\s+ON)?$/i.test(arg.trim())) return reply('200 Always in UTF8 mode.');
    if (/^MLST\b/i.test(arg)) return reply(`200 ${arg}`);
    reply('501 Option not understood.');
  },
  NOOP: ({ reply }) => reply('200 NOOP ok.'),
  PWD: ({ session, reply }) => reply(`257 ${quotePath(session.cwd)} is the current directory`),
  CWD: ({ session, arg, reply }) => {
    const path = resolvePath(session.cwd, arg);
    if (!session.server.tree.isDir(path)) return reply('550 Failed to change directory.');
    session.cwd = path;
    reply('250 Directory successfully changed.');
  },
  CDUP: ({ session, reply }) => {
    session.cwd = resolvePath(session.cwd, '..');
    reply('250 Directory successfully changed.');
  },
  TYPE: ({ session, arg, reply }) => {
    const type = arg.trim().toUpperCase();
    if (type === 'A' || type === 'A N') {
      session.transferType = 'A';
      return reply('200 Switching to ASCII mode.');
    }
    if (type === 'I' || type === 'L 8') {
      session.transferType = 'I';
      return reply('200 Switching to Binary mode.');
    }
    reply('504 Unrecognised TYPE command.');
  },
  MODE: ({ arg, reply }) =>
    reply(arg.trim().toUpperCase() === 'S' ? '200 Mode set to S.' : '504 Bad MODE command.'),
  STRU: ({ arg, reply }) =>
    reply(arg.trim().toUpperCase() === 'F' ? '200 Structure set to F.' : '504 Bad STRU command.'),
  PASV: (cmd) =>
    preparePassive(cmd, (port) =>
      pasvReply(cmd.session.server.options.pasvHost ?? '127.0.0.1', port),
    ),
  EPSV: (cmd) => {
    const arg = cmd.arg.trim().toUpperCase();
    if (arg === 'ALL') return cmd.reply('200 EPSV ALL ok.');
    // The data listeners are IPv4 only.
    if (arg !== '' && arg !== '1') return cmd.reply('522 Network protocol not supported, use (1)');
    return preparePassive(cmd, (port) => `229 Entering Extended Passive Mode (|||${port}|)`);
  },
  PORT: (cmd) => prepareActive(cmd, parsePortArgument(cmd.arg), 'PORT'),
  EPRT: (cmd) => prepareActive(cmd, parseEprtArgument(cmd.arg), 'EPRT'),
  REST: ({ session, arg, reply }) => {
    if (!/^\d+$/.test(arg.trim())) return reply('501 REST needs a byte offset.');
    session.restOffset = Number(arg.trim());
    reply(`350 Restart position accepted (${session.restOffset}).`);
  },
  RETR: retr,
  STOR: stor,
  APPE: appe,
  LIST: list,
  NLST: nlst,
  MLSD: (cmd) => (hasMlst(cmd) ? mlsd(cmd) : cmd.reply('502 Command not implemented.')),
  MLST: (cmd) => {
    if (!hasMlst(cmd)) return cmd.reply('502 Command not implemented.');
    const path = resolvePath(cmd.session.cwd, cmd.arg);
    const entry = cmd.session.server.tree.entry(path);
    if (entry === undefined) return cmd.reply('550 No such file or directory.');
    cmd.reply(`250- Listing ${path}\r\n ${mlsdFacts(entry)} ${path}\r\n250 End`);
  },
  SIZE: ({ session, arg, reply }) => {
    const data = session.server.tree.read(resolvePath(session.cwd, arg));
    reply(data === undefined ? '550 Could not get file size.' : `213 ${data.length}`);
  },
  MDTM: ({ session, arg, reply }) => {
    const path = resolvePath(session.cwd, arg);
    const { tree } = session.server;
    if (!tree.isFile(path)) return reply('550 Could not get file modification time.');
    reply(`213 ${ftpTimestamp(tree.modified(path))}`);
  },
  // draft-somers-ftp-mfxx: "MFMT YYYYMMDDHHMMSS path".
  MFMT: ({ session, arg, reply }) => {
    const space = arg.indexOf(' ');
    const time = parseFtpTimestamp(arg.slice(0, space));
    if (space === -1 || time === null) return reply('501 MFMT needs a time and a path.');
    const path = resolvePath(session.cwd, arg.slice(space + 1));
    if (!session.server.tree.isFile(path)) return reply('550 No such file.');
    session.server.tree.setModified(path, time);
    reply(`213 Modify=${ftpTimestamp(time)}; ${path}`);
  },
  DELE: ({ session, arg, reply }) => {
    const deleted = session.server.tree.delete(resolvePath(session.cwd, arg));
    reply(deleted ? '250 Delete operation successful.' : '550 Delete operation failed.');
  },
  MKD: ({ session, arg, reply }) => {
    const path = resolvePath(session.cwd, arg);
    const { tree } = session.server;
    if (tree.exists(path) || !tree.isDir(posix.dirname(path))) {
      return reply('550 Create directory operation failed.');
    }
    tree.mkdir(path);
    reply(`257 ${quotePath(path)} created`);
  },
  RMD: ({ session, arg, reply }) => {
    const removed = session.server.tree.rmdir(resolvePath(session.cwd, arg));
    reply(
      removed
        ? '250 Remove directory operation successful.'
        : '550 Remove directory operation failed.',
    );
  },
  RNFR: ({ session, arg, reply }) => {
    const path = resolvePath(session.cwd, arg);
    if (!session.server.tree.exists(path)) return reply('550 RNFR command failed.');
    session.renameFrom = path;
    reply('350 Ready for RNTO.');
  },
  RNTO: ({ session, arg, reply }) => {
    const from = session.renameFrom;
    if (from === null) return reply('503 RNFR required first.');
    const to = resolvePath(session.cwd, arg);
    const { tree } = session.server;
    if (!tree.isDir(posix.dirname(to)) || to.startsWith(`${from}/`))
      return reply('550 Rename failed.');
    tree.rename(from, to);
    reply('250 Rename successful.');
  },
  SITE: ({ session, arg, reply }) => {
    const chmod = /^CHMOD\s+([0-7]{3,4})\s+(.+)$/i.exec(arg);
    if (chmod === null) return reply('500 Unknown SITE command.');
    const path = resolvePath(session.cwd, chmod[2] ?? '');
    if (!session.server.tree.exists(path)) return reply('550 SITE CHMOD command failed.');
    session.server.tree.setMode(path, parseInt(chmod[1] ?? '644', 8));
    reply('200 SITE CHMOD command ok.');
  },
  ABOR: ({ session, reply }) => {
    if (!session.abortTransfer()) return reply('225 No transfer to ABOR.');
    // RFC 959: the aborted command gets 426, then ABOR itself 226.
    reply('426 Connection closed; transfer aborted.');
    reply('226 Abort successful.');
  },
  QUIT: ({ session, reply }) => {
    reply('221 Goodbye.');
    session.endControl();
  },
  AUTH: async (cmd) => {
    const { session } = cmd;
    if (session.server.secureContext === null) return cmd.reply('502 AUTH not supported.');
    if (session.secure) return cmd.reply('503 Already using TLS.');
    if (!['TLS', 'TLS-C', 'SSL'].includes(cmd.arg.trim().toUpperCase())) {
      return cmd.reply('504 Unknown AUTH type.');
    }
    cmd.reply('234 Proceed with negotiation.');
    await cmd.upgradeToTls();
  },
  PBSZ: ({ session, reply }) =>
    reply(session.secure ? '200 PBSZ=0' : '503 PBSZ needs a secure connection.'),
  PROT: ({ session, arg, reply }) => {
    if (!session.secure) return reply('503 PROT needs a secure connection.');
    const level = arg.trim().toUpperCase();
    if (level === 'P' || level === 'C') {
      session.protectData = level === 'P';
      return reply(level === 'P' ? '200 PROT now Private.' : '200 PROT now Clear.');
    }
    reply(level === 'S' || level === 'E' ? '536 PROT level not supported.' : '504 Bad PROT level.');
  },
};

// Old aliases that some clients still send (RFC 775).
const ALIASES: Readonly<Record<string, string>> = {
  XPWD: 'PWD',
  XCWD: 'CWD',
  XCUP: 'CDUP',
  XMKD: 'MKD',
  XRMD: 'RMD',
};

export async function runDefaultCommand(cmd: Command): Promise<void> {
  const verb = ALIASES[cmd.verb] ?? cmd.verb;
  const command = COMMANDS[verb];
  if (verb === '') return cmd.reply('500 Syntax error, command unrecognized.');
  if (command === undefined) return cmd.reply('502 Command not implemented.');
  if (!cmd.session.loggedIn && !BEFORE_LOGIN.has(verb)) {
    return cmd.reply('530 Please login with USER and PASS.');
  }
  await command(cmd);
}
