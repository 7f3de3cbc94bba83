// Folders through the transfer queue against vsftpd: a tree of 1,000 files in nested
// folders (and an empty folder) is uploaded recursively, then downloaded recursively into
// another folder, and every file's SHA-256 is compared on the server and after the round trip.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTree, makeTree } from '../../electron/test-support/tree-fixtures.js';
import { realServersRun } from '../servers/availability.js';
import { startServer, type RunningServer } from '../servers/ftp-servers.js';
import { TREE_FILES } from './fixtures.js';
import { connectQueue, settled, vsftpdEvents, type QueueRig } from './transfer-queue-support.js';

const run = await realServersRun();

describe.skipIf(!run)('transfer queue on vsftpd: folders', () => {
  let server: RunningServer;
  let rig: QueueRig;
  beforeAll(async () => {
    server = await startServer('vsftpd', { tls: false });
    rig = await connectQueue(server, { simultaneousTransfers: 4, fileExistsAction: 'ask' });
  });
  afterAll(async () => {
    await rig?.close();
    await server?.stop();
  });

  it(`uploads and downloads ${TREE_FILES.toLocaleString('en')} files in nested folders`, async () => {
    const source = join(rig.local, 'tree');
    await makeTree(source, TREE_FILES);
    await mkdir(join(source, 'empty', 'inner'), { recursive: true });
    const hashes = await hashTree(source);
    expect(hashes.size).toBe(TREE_FILES);

    await rig.enqueue([
      { direction: 'upload', kind: 'directory', localPath: source, remotePath: '/tree' },
    ]);
    const up = await settled(rig.harness, TREE_FILES);
    expect(up.filter((i) => i.status !== 'done')).toEqual([]);
    expect(await hashTree(server.localPath('tree'))).toEqual(hashes);
    expect(existsSync(server.localPath('tree/empty/inner'))).toBe(true);
    await rig.harness.call('queue:clear-finished', {});

    const back = join(rig.local, 'back');
    await rig.enqueue([
      { direction: 'download', kind: 'directory', localPath: back, remotePath: '/tree' },
    ]);
    const down = await settled(rig.harness, TREE_FILES);
    expect(down.filter((i) => i.status !== 'done')).toEqual([]);
    expect(await hashTree(back)).toEqual(hashes);
    expect(existsSync(join(back, 'empty', 'inner'))).toBe(true);

    // The server saw one STOR and one RETR per file, spread over several sessions.
    const events = vsftpdEvents(server);
    const count = (verb: string) => events.filter((e) => e.command?.startsWith(verb)).length;
    expect([count('STOR '), count('RETR ')]).toEqual([TREE_FILES, TREE_FILES]);
    const sessions = new Set(
      events.filter((e) => e.command?.startsWith('RETR ')).map((e) => e.pid),
    );
    expect(sessions.size).toBe(4);
  });
});
