// The transfer queue against vsftpd when things break: a 50 MB download whose server
// session is killed half-way resumes (REST) to an identical file; the same cut with no
// retries left leaves the file it was replacing untouched; and a queue saved in the middle
// of a transfer comes back after a restart stopped, then resumes from its partial file.
// The server caps each session's speed so that "half-way" lasts long enough to be hit.
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partialPathFor } from '../../electron/services/file-transfer.js';
import { sha256 } from '../../electron/test-support/tree-fixtures.js';
import { realServersRun } from '../servers/availability.js';
import { startServer, type RunningServer } from '../servers/ftp-servers.js';
import { BIG_SIZE, hashFile } from './fixtures.js';
import {
  connectQueue,
  connectSession,
  fileRequest,
  settled,
  until,
  vsftpdEvents,
  type QueueRig,
} from './transfer-queue-support.js';

const run = await realServersRun();
/** About three seconds for the 50 MB file. */
const RATE = 16 * 1024 * 1024;
/** The cuts happen once this much has arrived. */
const CUT_AFTER = 12 * 1024 * 1024;

describe.skipIf(!run)('transfer queue on vsftpd: cuts, resume, restart', () => {
  let server: RunningServer;
  let bigHash: string;
  beforeAll(async () => {
    server = await startServer('vsftpd', { maxBytesPerSecond: RATE, tls: false });
    const big = randomBytes(BIG_SIZE);
    bigHash = sha256(big);
    await server.writeFile('big.bin', big);
    await server.writeFile('small.bin', randomBytes(4000));
  });
  afterAll(() => server?.stop());

  it('resumes a 50 MB download whose server session was killed half-way', async () => {
    const rig = await connectQueue(server, { retries: 3 });
    try {
      const target = join(rig.local, 'big.bin');
      await rig.enqueue([fileRequest('download', '/big.bin', target, BIG_SIZE)]);
      const killed = await killTransferSession(rig, server);
      const [item] = await settled(rig.harness, 1);
      expect(item).toMatchObject({ status: 'done', error: null, attempts: 1 });
      expect(await hashFile(target)).toBe(bigHash);
      expect(existsSync(partialPathFor(target))).toBe(false);
      // A new server session continued where the killed one stopped.
      const rests = restOffsets(server, killed);
      expect(rests).toHaveLength(1);
      expect(rests[0]).toBeGreaterThanOrEqual(CUT_AFTER);
    } finally {
      await rig.close();
    }
  });

  it('leaves the file it was replacing intact when the download fails for good', async () => {
    const rig = await connectQueue(server, { retries: 0, fileExistsAction: 'overwrite' });
    try {
      const target = join(rig.local, 'big.bin');
      const original = randomBytes(70_000);
      await writeFile(target, original);
      await rig.enqueue([fileRequest('download', '/big.bin', target, BIG_SIZE)]);
      await killTransferSession(rig, server);
      const [item] = await settled(rig.harness, 1);
      expect(item?.status).toBe('failed');
      expect(sha256(await readFile(target))).toBe(sha256(original));
      // What arrived is kept beside it, for a later resume.
      expect(statSync(partialPathFor(target)).size).toBeGreaterThanOrEqual(CUT_AFTER);
    } finally {
      await rig.close();
    }
  });

  it('restores a saved queue stopped and resumes its partial download', async () => {
    const rig = await connectQueue(server, { retries: 3 });
    let restarted: QueueRig['harness'] | undefined;
    try {
      const target = join(rig.local, 'big.bin');
      await rig.enqueue([fileRequest('download', '/big.bin', target, BIG_SIZE)]);
      await until('part of the download', async () => {
        const [item] = await rig.harness.call('transfer:list', {});
        return (item?.transferred ?? 0) >= CUT_AFTER ? item : undefined;
      });
      // The app quits (the services are disposed) and starts again on the same folder.
      restarted = await rig.harness.restart();
      const logStart = vsftpdEvents(server).length;
      const connects = () =>
        vsftpdEvents(server)
          .slice(logStart)
          .filter((e) => e.text.includes('CONNECT:')).length;
      const [restored] = await restarted.call('transfer:list', {});
      expect(restored).toMatchObject({ status: 'queued', remotePath: '/big.bin' });
      const partial = statSync(partialPathFor(target)).size;
      expect(partial).toBeGreaterThanOrEqual(CUT_AFTER);
      expect(existsSync(target)).toBe(false);

      // Restored stopped: with a session open and one more file added ("Add files to
      // queue"), the queue says it is not running and the server saw only the browsing login.
      const session = await connectSession(restarted, server);
      const small = join(rig.local, 'small.bin');
      await restarted.call('transfer:enqueue', {
        sessionId: session.sessionId,
        items: [fileRequest('download', '/small.bin', small)],
        start: false,
      });
      await restarted.sink.next('queue:state', (s) => !s.running && s.queued === 2);
      expect(connects()).toBe(1);
      expect(statSync(partialPathFor(target)).size).toBe(partial);

      // A quickconnect password lives only as long as its session: with it gone, starting
      // the queue fails the items with a reason that says what to do, and tries no login.
      await restarted.call('session:disconnect', { sessionId: session.sessionId });
      await restarted.call('queue:start', {});
      const failed = await settled(restarted, 2);
      expect(failed.map((i) => [i.status, i.error?.message])).toEqual(
        Array(2).fill([
          'failed',
          `The password for ${server.user}@127.0.0.1:${server.port} is not saved: ` +
            'connect to that server again, then choose Requeue failed',
        ]),
      );
      expect(connects()).toBe(1);

      // Connected again, the items go back; the big one continues from its partial file.
      await connectSession(restarted, server);
      await restarted.call('queue:requeue-failed', {});
      const done = await settled(restarted, 2);
      expect(done.map((i) => [i.status, i.error])).toEqual([
        ['done', null],
        ['done', null],
      ]);
      expect(await hashFile(target)).toBe(bigHash);
      expect(await readFile(small)).toEqual(await readFile(server.localPath('small.bin')));
      expect(restOffsets(server, logStart)).toEqual([partial]);
    } finally {
      await restarted?.close();
      await rig.close();
    }
  });
});

/**
 * Waits until the queue's transfer has CUT_AFTER bytes, then kills the server process of
 * the session sending it (the one that logged the RETR): its control and data connections
 * drop at once, as when a server crashes. Returns how many log events there were then.
 */
async function killTransferSession(rig: QueueRig, server: RunningServer): Promise<number> {
  await until('part of the download', async () => {
    const [item] = await rig.harness.call('transfer:list', {});
    return (item?.transferred ?? 0) >= CUT_AFTER ? item : undefined;
  });
  const events = vsftpdEvents(server);
  const retr = events.findLast((e) => e.command === 'RETR /big.bin');
  if (retr === undefined) throw new Error('vsftpd logged no RETR /big.bin');
  process.kill(retr.pid, 'SIGKILL');
  return events.length;
}

/** The offsets of the REST commands the server received after event `from`. */
function restOffsets(server: RunningServer, from: number): number[] {
  return vsftpdEvents(server)
    .slice(from)
    .flatMap((e) => (e.command?.startsWith('REST ') === true ? [Number(e.command.slice(5))] : []));
}
