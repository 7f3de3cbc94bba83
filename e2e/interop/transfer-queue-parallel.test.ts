// The transfer queue against real servers: simultaneous transfers really overlap on the
// server (vsftpd and ProFTPD), never more than the setting allows, and a server that
// refuses more logins (421, from vsftpd's max_per_ip) slows the queue down instead of
// failing items. The server caps each session's speed so that every transfer lasts a
// couple of seconds: overlap is then read from the server's own log, where each session
// is its own process (pid).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../electron/test-support/tree-fixtures.js';
import { realServersRun } from '../servers/availability.js';
import { startServer, type RunningServer } from '../servers/ftp-servers.js';
import { connectQueue, fileRequest, settled, watchOverlap } from './transfer-queue-support.js';

const run = await realServersRun();
const FILE_SIZE = 200 * 1024;
/** Each download of FILE_SIZE takes about two seconds. */
const RATE = 100 * 1024;

describe.skipIf(!run).each(['vsftpd', 'proftpd'] as const)(
  'transfer queue on %s: parallel transfers',
  (name) => {
    let server: RunningServer;
    const files = new Map<string, Buffer>();
    beforeAll(async () => {
      server = await startServer(name, { maxBytesPerSecond: RATE, tls: false });
      for (let i = 0; i < 8; i += 1) {
        const data = randomBytes(FILE_SIZE + i);
        files.set(`f${i}.bin`, data);
        await server.writeFile(`parallel/f${i}.bin`, data);
      }
    });
    afterAll(() => server?.stop());

    it.each([2, 4])('runs %i downloads at once, each in its own server session', async (n) => {
      const rig = await connectQueue(server, { simultaneousTransfers: n });
      try {
        const seen = watchOverlap(server);
        const names = [...files.keys()].slice(0, 2 * n);
        await rig.enqueue(
          names.map((file) => fileRequest('download', `/parallel/${file}`, join(rig.local, file))),
        );
        const items = await settled(rig.harness, names.length);
        expect(items.map((i) => [i.remotePath, i.status, i.error])).toEqual(
          names.map((file) => [`/parallel/${file}`, 'done', null]),
        );
        for (const file of names)
          expect(sha256(await readFile(join(rig.local, file)))).toBe(sha256(files.get(file) ?? ''));
        // What the server saw: exactly n transfers at the same time, on n sessions.
        expect(seen()).toEqual({ most: n, sessions: n });
      } finally {
        await rig.close();
      }
    });
  },
);

// vsftpd refuses the extra login with `421 There are too many connections from your
// internet address.`; ProFTPD with `530 Sorry, the maximum number of connections … for
// your host are already connected.` (a 530 the queue must not take for a wrong password).
describe.skipIf(!run).each([
  ['vsftpd', /^Response: 421 .*too many connections/im],
  ['proftpd', /^Response: 530 .*maximum number of connections/im],
] as const)('transfer queue on %s: too many connections', (name, refusal) => {
  let server: RunningServer;
  beforeAll(async () => {
    // The browsing connection and two transfer connections; a fourth login is refused.
    server = await startServer(name, { maxBytesPerSecond: RATE, maxClientsPerIp: 3, tls: false });
    for (let i = 0; i < 4; i += 1) await server.writeFile(`busy/f${i}.bin`, randomBytes(FILE_SIZE));
  });
  afterAll(() => server?.stop());

  it('backs off to the connections the server allows; every item finishes', async () => {
    const rig = await connectQueue(server, { simultaneousTransfers: 4 });
    try {
      const seen = watchOverlap(server);
      const names = Array.from({ length: 4 }, (_, i) => `f${i}.bin`);
      await rig.enqueue(
        names.map((file) => fileRequest('download', `/busy/${file}`, join(rig.local, file))),
      );
      const items = await settled(rig.harness, names.length);
      expect(items.map((i) => [i.status, i.error])).toEqual(names.map(() => ['done', null]));
      for (const file of names)
        expect(await readFile(join(rig.local, file))).toEqual(
          await readFile(server.localPath(`busy/${file}`)),
        );
      const log = rig.harness.sink.logText(rig.session.sessionId).join('\n');
      // The server really refused a login, and the queue said what it did about it.
      expect(log).toMatch(refusal);
      expect(log).toContain('The server refused more connections; using at most 2');
      expect(seen()).toEqual({ most: 2, sessions: 2 });
    } finally {
      await rig.close();
    }
  });
});
