// "Target file already exists" against vsftpd, with real files on both sides: each action
// of the dialog, for downloads (the local file exists) and uploads (the server's file
// exists), answered as the user would, and what is on disk or on the server afterwards.
// Then "always use this action" for this queue: asked once, applied to the rest, and asked
// again by the next queue run.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileExistsAnswer, FileExistsQuestion } from '../../shared/models/transfer.js';
import type { ServicesHarness } from '../../electron/test-support/services-harness.js';
import { realServersRun } from '../servers/availability.js';
import { startServer, type RunningServer } from '../servers/ftp-servers.js';
import {
  connectQueue,
  fileRequest,
  settled,
  vsftpdEvents,
  type QueueRig,
} from './transfer-queue-support.js';

const run = await realServersRun();
const SOURCE_SIZE = 3000;
const PREFIX = 1234;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the existing target is, compared with the source. */
type Existing = 'other-size' | 'same-size' | 'prefix' | 'older' | 'newer';
/** What the target holds afterwards: the source, the old file, or the old file plus a renamed copy. */
type Outcome = 'source' | 'kept' | 'renamed';

interface Case {
  readonly action: FileExistsAnswer['action'];
  readonly existing: Existing;
  readonly outcome: Outcome;
}

const CASES: readonly Case[] = [
  { action: 'overwrite', existing: 'same-size', outcome: 'source' },
  { action: 'overwrite-if-newer', existing: 'older', outcome: 'source' },
  { action: 'overwrite-if-newer', existing: 'newer', outcome: 'kept' },
  { action: 'overwrite-if-size-differs', existing: 'other-size', outcome: 'source' },
  { action: 'overwrite-if-size-differs', existing: 'same-size', outcome: 'kept' },
  { action: 'resume', existing: 'prefix', outcome: 'source' },
  { action: 'rename', existing: 'other-size', outcome: 'renamed' },
  { action: 'skip', existing: 'other-size', outcome: 'kept' },
];

describe.skipIf(!run)('transfer queue on vsftpd: target file already exists', () => {
  let server: RunningServer;
  let rig: QueueRig;
  beforeAll(async () => {
    server = await startServer('vsftpd', { tls: false });
    rig = await connectQueue(server, { fileExistsAction: 'ask' });
  });
  afterAll(async () => {
    await rig?.close();
    await server?.stop();
  });

  describe.each(['download', 'upload'] as const)('%s', (direction) => {
    it.each(CASES)('$action, the target being $existing: $outcome', async (c) => {
      const name = `${direction}-${c.action}-${c.existing}.bin`;
      const source = randomBytes(SOURCE_SIZE);
      const old = existingContent(c.existing, source);
      const now = Date.now();
      // The source is newer than an "older" target and older than a "newer" one.
      const sourceTime = c.existing === 'newer' ? now - 2 * DAY_MS : now;
      const oldTime = c.existing === 'older' ? now - 2 * DAY_MS : now;
      const local = join(rig.local, name);
      const remote = `/${direction}/${name}`;
      const [sourceFile, targetFile] =
        direction === 'download'
          ? [await server.writeFile(remote.slice(1), source), local]
          : [await writeLocal(local, source), await server.writeFile(remote.slice(1), old)];
      if (direction === 'download') await writeLocal(local, old);
      await setTime(sourceFile, sourceTime);
      await setTime(targetFile, oldTime);
      const logStart = vsftpdEvents(server).length;
      const before = rig.harness.sink.of('transfer:exists').length;

      await rig.enqueue([fileRequest(direction, remote, local, SOURCE_SIZE)]);
      const question = await nextQuestion(rig.harness, before);
      expect(question).toMatchObject({
        direction,
        target: direction === 'download' ? local : remote,
        existing: { size: old.length },
      });
      await rig.harness.call('transfer:resolve-exists', {
        requestId: question.requestId,
        action: c.action,
        remember: 'no',
      });
      const [item] = await settled(rig.harness, 1);
      expect(item).toMatchObject({
        status: c.outcome === 'kept' ? 'skipped' : 'done',
        error: null,
      });

      expect(await readFile(targetFile)).toEqual(c.outcome === 'source' ? source : old);
      const renamed = targetFile.replace(/\.bin$/, ' (1).bin');
      if (c.outcome === 'renamed') expect(await readFile(renamed)).toEqual(source);
      else expect(existsSync(renamed)).toBe(false);
      if (c.action === 'resume') {
        // Only the missing part crossed: the server was told where to start (or to append).
        const commands = vsftpdEvents(server)
          .slice(logStart)
          .flatMap((e) => (e.command === undefined ? [] : [e.command]));
        expect(commands).toContainEqual(
          direction === 'download' ? `REST ${PREFIX}` : expect.stringMatching(/^(APPE |REST 1234)/),
        );
      }
      await rig.harness.call('queue:clear-finished', {});
    });
  });

  it('"always use this action" for this queue: asked once, applied to the rest of the run', async () => {
    const files = ['always-a.bin', 'always-b.bin', 'always-c.bin'].map((name) => ({
      name,
      source: randomBytes(SOURCE_SIZE),
      local: join(rig.local, name),
    }));
    for (const file of files) {
      await server.writeFile(`always/${file.name}`, file.source);
      await writeLocal(file.local, Buffer.from('the old local file'));
    }
    const [a, b, c] = files as [(typeof files)[0], (typeof files)[0], (typeof files)[0]];
    const before = rig.harness.sink.of('transfer:exists').length;
    await rig.enqueue(
      [a, b].map((file) => fileRequest('download', `/always/${file.name}`, file.local)),
    );
    const first = await nextQuestion(rig.harness, before);
    await rig.harness.call('transfer:resolve-exists', {
      requestId: first.requestId,
      action: 'overwrite',
      remember: 'queue',
    });
    const items = await settled(rig.harness, 2);
    expect(items.map((i) => i.status)).toEqual(['done', 'done']);
    expect(rig.harness.sink.of('transfer:exists').length - before).toBe(1);
    for (const file of [a, b]) expect(await readFile(file.local)).toEqual(file.source);

    // That run is over: the next file added is asked about again.
    await rig.enqueue([fileRequest('download', `/always/${c.name}`, c.local)]);
    const again = await nextQuestion(rig.harness, before + 1);
    expect(again.target).toBe(c.local);
    await rig.harness.call('transfer:resolve-exists', {
      requestId: again.requestId,
      action: 'skip',
      remember: 'always',
    });
    await settled(rig.harness, 3);
    expect(await readFile(c.local, 'utf8')).toBe('the old local file');
    // "Always" is the new default in the settings.
    expect((await rig.harness.call('settings:get', {})).fileExistsAction).toBe('skip');
    await rig.harness.call('settings:update', { fileExistsAction: 'ask' });
    await rig.harness.call('queue:clear-finished', {});
  });
});

function existingContent(existing: Existing, source: Buffer): Buffer {
  switch (existing) {
    case 'same-size':
      return randomBytes(SOURCE_SIZE);
    case 'prefix':
      return source.subarray(0, PREFIX);
    case 'other-size':
    case 'older':
    case 'newer':
      return randomBytes(1000);
  }
}

async function writeLocal(path: string, data: Buffer): Promise<string> {
  await writeFile(path, data);
  return path;
}

async function setTime(path: string, ms: number): Promise<void> {
  const time = new Date(ms);
  await utimes(path, time, time);
}

/** The first "file exists" question after the first `seen` ones. */
async function nextQuestion(h: ServicesHarness, seen: number): Promise<FileExistsQuestion> {
  await h.sink.next('transfer:exists', () => h.sink.of('transfer:exists').length > seen, 30_000);
  const question = h.sink.of('transfer:exists')[seen];
  if (question === undefined) throw new Error(`no question number ${seen + 1}`);
  return question;
}
