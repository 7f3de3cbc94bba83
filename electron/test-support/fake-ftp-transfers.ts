// Transfers over the data connection (RETR, STOR, APPE, LIST, NLST, MLSD), where most of the
// data faults live. Order as on vsftpd: the data connection is accepted, then 150, then the
// TLS handshake (so a refused session still follows the 150), then data, then 226 once the
// data socket is written and closed.
import type net from 'node:net';
import { posix } from 'node:path';
import tls from 'node:tls';
import { dosLine, mlsdLines, unixLine } from './fake-ftp-listing.js';
import type { Command, DataSocket } from './fake-ftp-session.js';
import { resolvePath, type TreeEntry } from './fake-ftp-tree.js';
import type { DataFaults, DataVerb } from './fake-ftp-types.js';

const TRANSFER_COMPLETE = '226 Transfer complete.';
const TRANSFER_ABORTED = '426 Connection closed; transfer aborted.';
// How long to wait for the client to close its end before answering anyway.
const CLOSE_GRACE_MS = 2_000;

const faultsFor = (cmd: Command, verb: DataVerb): DataFaults =>
  cmd.session.server.options.dataFaults?.[verb] ?? {};

// TYPE A (RFC 959 §3.1.1.1): the network form of text ends lines with CRLF.
const toNetworkAscii = (data: Buffer): Buffer =>
  Buffer.from(data.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
const fromNetworkAscii = (data: Buffer): Buffer =>
  Buffer.from(data.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');

function write(socket: DataSocket, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (data.length === 0) return resolve();
    socket.write(data, (error) => (error ? reject(error) : resolve()));
  });
}

/** Resolves when the socket closes, the signal aborts, or (when given) the time runs out. */
function closed(socket: net.Socket, signal: AbortSignal, timeoutMs?: number): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed || signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      socket.off('close', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = timeoutMs === undefined ? undefined : setTimeout(done, timeoutMs);
    socket.once('close', done);
    signal.addEventListener('abort', done);
  });
}

function finish(cmd: Command, reply: string | null): void {
  cmd.transferDone();
  if (reply !== null && !cmd.signal.aborted) cmd.reply(reply);
}

/** Server → client: RETR and the listings. */
async function send(cmd: Command, verb: DataVerb, payload: Buffer, opening: string): Promise<void> {
  const faults = faultsFor(cmd, verb);
  const raw = await cmd.acceptRaw();
  if (raw === null) return;
  cmd.reply(opening);
  const socket = await cmd.secureRaw(raw);
  if (socket === null) return;
  const limit = faults.cutAfterBytes ?? faults.stallAfterBytes;
  try {
    await write(socket, limit === undefined ? payload : payload.subarray(0, limit));
  } catch {
    // The client closed or reset the data connection before taking everything.
    return finish(cmd, TRANSFER_ABORTED);
  }
  if (cmd.signal.aborted) return;
  if (faults.cutAfterBytes !== undefined) {
    socket.destroy();
    return finish(cmd, faults.finalReply ?? null);
  }
  if (faults.stallAfterBytes !== undefined) {
    // Nothing more is sent; only ABOR, the client closing or the session ending moves on.
    await closed(socket, cmd.signal);
    return finish(cmd, faults.finalReply === undefined ? TRANSFER_ABORTED : faults.finalReply);
  }
  if (faults.noCloseNotify === true && socket instanceof tls.TLSSocket) {
    // FIN on the TCP socket under TLS: the stream ends without a close_notify alert, which
    // is how a truncation attack (or a sloppy server) looks.
    raw.end();
  } else {
    socket.end();
  }
  await closed(socket, cmd.signal, CLOSE_GRACE_MS);
  socket.destroy();
  finish(cmd, faults.finalReply === undefined ? TRANSFER_COMPLETE : faults.finalReply);
}

type ReceiveOutcome = 'end' | 'cut' | 'closed' | 'aborted';

/** Client → server: STOR and APPE. `store` gets the bytes, even a partial upload's. */
async function receive(cmd: Command, verb: DataVerb, store: (data: Buffer) => void): Promise<void> {
  const faults = faultsFor(cmd, verb);
  const raw = await cmd.acceptRaw();
  if (raw === null) return;
  cmd.reply('150 Ok to send data.');
  const socket = await cmd.secureRaw(raw);
  if (socket === null) return;
  const chunks: Buffer[] = [];
  let received = 0;
  const outcome = await new Promise<ReceiveOutcome>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (faults.cutAfterBytes !== undefined && received >= faults.cutAfterBytes) {
        socket.destroy();
        resolve('cut');
      } else if (faults.stallAfterBytes !== undefined && received >= faults.stallAfterBytes) {
        // Stop reading: the client's writes back up until it gives up.
        socket.pause();
      }
    });
    socket.once('end', () => resolve('end'));
    socket.once('close', () => resolve('closed'));
    cmd.signal.addEventListener('abort', () => resolve('aborted'));
  });
  let data = Buffer.concat(chunks);
  if (faults.cutAfterBytes !== undefined) data = data.subarray(0, faults.cutAfterBytes);
  // Like a real server, keep what arrived, even from a broken upload: resume tests need it.
  store(cmd.session.transferType === 'A' ? fromNetworkAscii(data) : data);
  if (outcome === 'aborted') return;
  if (outcome === 'end') {
    socket.end();
    await closed(socket, cmd.signal, CLOSE_GRACE_MS);
  }
  socket.destroy();
  const normal =
    outcome === 'end' ? TRANSFER_COMPLETE : outcome === 'cut' ? null : TRANSFER_ABORTED;
  finish(cmd, faults.finalReply === undefined ? normal : faults.finalReply);
}

export async function retr(cmd: Command): Promise<void> {
  const { session } = cmd;
  const { tree, options } = session.server;
  const data = tree.read(resolvePath(session.cwd, cmd.arg));
  if (data === undefined) return cmd.reply('550 Failed to open file.');
  const offset = options.ignoreRest === true ? 0 : session.restOffset;
  const slice = data.subarray(Math.min(offset, data.length));
  const ascii = session.transferType === 'A';
  const mode = ascii ? 'ASCII' : 'BINARY';
  const opening = `150 Opening ${mode} mode data connection for ${cmd.arg} (${data.length} bytes).`;
  await send(cmd, 'RETR', ascii ? toNetworkAscii(slice) : slice, opening);
}

function uploadTarget(cmd: Command): string | null {
  const path = resolvePath(cmd.session.cwd, cmd.arg);
  const { tree } = cmd.session.server;
  if (cmd.arg === '' || tree.isDir(path) || !tree.isDir(posix.dirname(path))) {
    cmd.reply('553 Could not create file.');
    return null;
  }
  return path;
}

export async function stor(cmd: Command): Promise<void> {
  const path = uploadTarget(cmd);
  if (path === null) return;
  const { tree, options } = cmd.session.server;
  // REST + STOR resumes an upload (REST STREAM, RFC 3659 §5): keep the first `offset` bytes.
  const offset = options.ignoreRest === true ? 0 : cmd.session.restOffset;
  const kept = offset > 0 ? (tree.read(path) ?? Buffer.alloc(0)).subarray(0, offset) : null;
  await receive(cmd, 'STOR', (data) =>
    tree.write(path, kept === null ? data : Buffer.concat([kept, data])),
  );
}

export async function appe(cmd: Command): Promise<void> {
  const path = uploadTarget(cmd);
  if (path === null) return;
  const { tree } = cmd.session.server;
  await receive(cmd, 'APPE', (data) =>
    tree.write(path, Buffer.concat([tree.read(path) ?? Buffer.alloc(0), data])),
  );
}

const textPayload = (lines: readonly string[]): Buffer =>
  Buffer.from(lines.map((line) => `${line}\r\n`).join(''), 'utf8');

/** Splits "-la /pub" into options and path, as ls-backed servers accept. */
function listArguments(arg: string): { readonly flags: string; readonly path: string } {
  let flags = '';
  let rest = arg.trim();
  for (let match = /^(-\S+)\s*/.exec(rest); match !== null; match = /^(-\S+)\s*/.exec(rest)) {
    flags += match[1] ?? '';
    rest = rest.slice(match[0].length);
  }
  return { flags, path: rest };
}

/** The entries a listing shows: the target's children, or the target itself for a file. */
function listed(cmd: Command, arg: string, showHidden: boolean): TreeEntry[] | null {
  const { session } = cmd;
  const { tree } = session.server;
  const path = resolvePath(session.cwd, arg);
  const entry = tree.entry(path);
  if (entry === undefined) return null;
  if (entry.kind === 'file') return [entry];
  const children = tree.children(path).filter((e) => showHidden || !e.name.startsWith('.'));
  // `ls -a` also shows the directory itself and its parent; clients must drop them.
  return showHidden ? [{ ...entry, name: '.' }, { ...entry, name: '..' }, ...children] : children;
}

const LISTING_OPENING = '150 Here comes the directory listing.';

export async function list(cmd: Command): Promise<void> {
  const { flags, path } = listArguments(cmd.arg);
  const dos = cmd.session.server.options.listing === 'dos';
  const entries = listed(cmd, path, flags.includes('a') && !dos);
  if (entries === null) return cmd.reply('450 No such file or directory.');
  const now = new Date();
  const lines = entries.map((entry) => (dos ? dosLine(entry) : unixLine(entry, now)));
  await send(cmd, 'LIST', textPayload(lines), LISTING_OPENING);
}

export async function nlst(cmd: Command): Promise<void> {
  const { path } = listArguments(cmd.arg);
  const entries = listed(cmd, path, false);
  if (entries === null) return cmd.reply('450 No such file or directory.');
  await send(cmd, 'NLST', textPayload(entries.map((entry) => entry.name)), LISTING_OPENING);
}

export async function mlsd(cmd: Command): Promise<void> {
  const { session } = cmd;
  const { tree } = session.server;
  const path = resolvePath(session.cwd, cmd.arg);
  const self = tree.entry(path);
  if (self === undefined) return cmd.reply('550 No such directory.');
  if (self.kind !== 'dir') return cmd.reply('501 Not a directory.');
  await send(cmd, 'MLSD', textPayload(mlsdLines(self, tree.children(path))), LISTING_OPENING);
}
