// What the transfer-queue interop tests share: the real services (the same router the app
// uses) logged in to a real server, waiting for the queue to settle, and reading what the
// server itself logged (vsftpd's protocol and transfer log, one line per event, in the
// order the server's processes wrote them).
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionInfo } from '../../shared/models/session.js';
import type { Settings } from '../../shared/models/settings.js';
import type { TransferItem, TransferRequest } from '../../shared/models/transfer.js';
import {
  startServices,
  type ServicesHarness,
} from '../../electron/test-support/services-harness.js';
import type { RunningServer } from '../servers/ftp-servers.js';

export interface QueueRig {
  readonly harness: ServicesHarness;
  readonly session: SessionInfo;
  /** A local folder for this test, removed by close(). */
  readonly local: string;
  /** Enqueues requests on the session (start: false only queues). */
  enqueue(items: readonly TransferRequest[], start?: boolean): Promise<number>;
  close(): Promise<void>;
}

/** Connects the real services to `server` (plain FTP, the test user) with these settings. */
export async function connectQueue(
  server: RunningServer,
  settings: Partial<Settings> = {},
  harness?: ServicesHarness,
): Promise<QueueRig> {
  const h = harness ?? (await startServices());
  const local = await mkdtemp(join(tmpdir(), `portside-queue-${server.name}-`));
  await h.call('settings:update', { fileExistsAction: 'ask', ...settings });
  const session = await connectSession(h, server);
  return {
    harness: h,
    session,
    local,
    async enqueue(items, start) {
      const request = {
        sessionId: session.sessionId,
        items: [...items],
        ...(start === false ? { start } : {}),
      };
      return (await h.call('transfer:enqueue', request)).queued;
    },
    async close() {
      await h.close();
      await rm(local, { recursive: true, force: true });
    },
  };
}

export function connectSession(h: ServicesHarness, server: RunningServer): Promise<SessionInfo> {
  return h.call('session:connect', {
    quick: {
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      encryption: 'none',
    },
  });
}

export const fileRequest = (
  direction: TransferRequest['direction'],
  remotePath: string,
  localPath: string,
  size: number | null = null,
): TransferRequest => ({ direction, kind: 'file', remotePath, localPath, size });

/** Waits until `count` items are there and none is queued or active; returns them. */
export async function settled(
  h: ServicesHarness,
  count: number,
  timeoutMs = 120_000,
): Promise<TransferItem[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const items = await h.call('transfer:list', {});
    if (items.length >= count && items.every((i) => i.status !== 'queued' && i.status !== 'active'))
      return items;
    if (Date.now() > deadline)
      throw new Error(
        `queue did not settle: ${JSON.stringify(items.map((i) => [i.remotePath, i.status, i.error]))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls `probe` until it returns something other than undefined. */
export async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** One event of vsftpd's log: which session process, and what it said. */
export interface VsftpdEvent {
  readonly pid: number;
  /** `FTP command: Client "127.0.0.1", "RETR x"` → `RETR x`; transfer results as logged. */
  readonly command: string | undefined;
  readonly text: string;
}

/**
 * vsftpd's log (log_ftp_protocol and the non-standard xferlog format), parsed. Every session
 * is its own process and every line carries `[pid N]`, so the pid tells the sessions apart.
 */
export function vsftpdEvents(server: RunningServer): VsftpdEvent[] {
  const log = server.logFiles.find((file) => file.endsWith('/vsftpd.log'));
  if (log === undefined) throw new Error(`${server.name} has no vsftpd.log`);
  return readFileSync(log, 'utf8')
    .split('\n')
    .flatMap((line) => {
      const pid = /\[pid (\d+)\]/.exec(line)?.[1];
      if (pid === undefined) return [];
      const command = /FTP command: Client "[^"]*", "(.*)"$/.exec(line)?.[1];
      return [{ pid: Number(pid), command, text: line }];
    });
}

/**
 * The most transfers the server had running at once, from the order of its own log lines:
 * a RETR or STOR command opens a transfer in that session, its `OK`/`FAIL` line closes it.
 */
export function mostAtOnce(events: readonly VsftpdEvent[]): {
  most: number;
  sessions: number;
} {
  const open = new Set<number>();
  const sessions = new Set<number>();
  let most = 0;
  for (const event of events) {
    if (event.command !== undefined && /^(RETR|STOR|APPE) /.test(event.command)) {
      open.add(event.pid);
      sessions.add(event.pid);
      most = Math.max(most, open.size);
    } else if (/\] (OK|FAIL) (DOWNLOAD|UPLOAD):/.test(event.text)) open.delete(event.pid);
  }
  return { most, sessions: sessions.size };
}

/** One finished transfer as ProFTPD's ExtendedLog `transfers.log` has it (milliseconds). */
interface ProftpdTransfer {
  readonly pid: number;
  readonly start: number;
  readonly end: number;
}

/** `2026-11-24 14:10:29,295 pid=27978 ms=2002 RETR /path`: ended at, lasted, which session. */
function proftpdTransfers(server: RunningServer): ProftpdTransfer[] {
  const log = server.logFiles.find((file) => file.endsWith('/transfers.log'));
  if (log === undefined) throw new Error(`${server.name} has no transfers.log`);
  return readFileSync(log, 'utf8')
    .split('\n')
    .flatMap((line) => {
      const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d),(\d{3}) pid=(\d+) ms=(\d+) /.exec(line);
      if (m === null) return [];
      // Both ends come from the server's clock; the zone does not matter for comparisons.
      const end = Date.parse(`${m[1]}T${m[2]}.${m[3]}Z`);
      return [{ pid: Number(m[4]), start: end - Number(m[5]), end }];
    });
}

/** The most transfers that were running at one instant, and the sessions that ran them. */
function mostOverlapping(transfers: readonly ProftpdTransfer[]): {
  most: number;
  sessions: number;
} {
  // Ends sort before starts at the same millisecond: touching is not overlapping.
  const edges = transfers
    .flatMap((t) => [
      { at: t.start, delta: 1 },
      { at: t.end, delta: -1 },
    ])
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  let most = 0;
  for (const edge of edges) {
    running += edge.delta;
    most = Math.max(most, running);
  }
  return { most, sessions: new Set(transfers.map((t) => t.pid)).size };
}

/**
 * Starts watching the server's log; the returned function tells the most transfers the
 * server had running at once since then, and on how many sessions (vsftpd: from the order
 * of its log lines; ProFTPD: from the times in its transfer log).
 */
export function watchOverlap(server: RunningServer): () => { most: number; sessions: number } {
  switch (server.name) {
    case 'vsftpd': {
      const from = vsftpdEvents(server).length;
      return () => mostAtOnce(vsftpdEvents(server).slice(from));
    }
    case 'proftpd': {
      const from = proftpdTransfers(server).length;
      return () => mostOverlapping(proftpdTransfers(server).slice(from));
    }
    case 'pureftpd':
      throw new Error('Pure-FTPd logs only to syslog: nothing to read overlaps from');
  }
}
