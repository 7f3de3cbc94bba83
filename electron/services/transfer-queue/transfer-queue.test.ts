import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../shared/models/session.js';
import type { TransferItem } from '../../../shared/models/transfer.js';
import {
  startFakeFtpServer,
  type FakeFtpServer,
  type FakeFtpServerOptions,
} from '../../test-support/fake-ftp-server.js';
import { startServices, type ServicesHarness } from '../../test-support/services-harness.js';
import { sha256 } from '../../test-support/tree-fixtures.js';

let harness: ServicesHarness | undefined;
let server: FakeFtpServer | undefined;
let local: string;

beforeEach(async () => {
  local = await mkdtemp(join(tmpdir(), 'portside-queue-'));
});
afterEach(async () => {
  await harness?.close();
  await server?.close();
  await rm(local, { recursive: true, force: true });
  harness = undefined;
  server = undefined;
});

async function setup(
  options: FakeFtpServerOptions,
  settings: Record<string, unknown> = {},
): Promise<SessionInfo> {
  server = await startFakeFtpServer(options);
  harness = await startServices();
  await harness.call('settings:update', { fileExistsAction: 'overwrite', ...settings });
  return harness.call('session:connect', {
    quick: {
      host: server.host,
      port: server.port,
      user: 'alice',
      password: 'secret',
      encryption: 'none',
    },
  });
}

/** Waits until every item has left the queue (done, skipped or failed). */
async function settled(h: ServicesHarness, count: number): Promise<TransferItem[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const items = await h.call('transfer:list', {});
    if (items.length >= count && items.every((i) => i.status !== 'queued' && i.status !== 'active'))
      return items;
    if (Date.now() > deadline)
      throw new Error(
        `queue did not settle: ${JSON.stringify(items.map((i) => [i.status, i.error]))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const download = (
  sessionId: string,
  remotePath: string,
  localPath: string,
  size: number | null = null,
) => ({
  sessionId,
  items: [{ direction: 'download' as const, kind: 'file' as const, remotePath, localPath, size }],
});

describe('transfer queue', () => {
  it.each([2, 4])(
    'runs %i transfers at the same time, each on its own connection',
    async (simultaneous) => {
      let running = 0;
      let most = 0;
      const files = Object.fromEntries(
        Array.from({ length: 8 }, (_, i) => [`/f${i}.bin`, randomBytes(1000)]),
      );
      const session = await setup(
        {
          files,
          handlers: {
            RETR: async (c) => {
              running += 1;
              most = Math.max(most, running);
              await new Promise((resolve) => setTimeout(resolve, 150));
              await c.defaultHandler();
              running -= 1;
            },
          },
        },
        { simultaneousTransfers: simultaneous },
      );
      const h = harness as ServicesHarness;
      for (let i = 0; i < 8; i += 1)
        await h.call(
          'transfer:enqueue',
          download(session.sessionId, `/f${i}.bin`, join(local, `f${i}.bin`)),
        );
      const items = await settled(h, 8);
      expect(items.map((i) => i.status)).toEqual(Array(8).fill('done'));
      expect(most).toBe(simultaneous);
      for (let i = 0; i < 8; i += 1)
        expect(sha256(await readFile(join(local, `f${i}.bin`)))).toBe(
          sha256(files[`/f${i}.bin`] as Buffer),
        );
      expect(server?.commands.filter((c) => c === 'USER alice').length).toBe(1 + simultaneous);
    },
  );

  it('only queues with start: false; nothing connects until queue:start', async () => {
    const content = randomBytes(3000);
    const session = await setup({ files: { '/later.bin': content } });
    const h = harness as ServicesHarness;
    const request = download(session.sessionId, '/later.bin', join(local, 'later.bin'));
    expect(await h.call('transfer:enqueue', { ...request, start: false })).toEqual({ queued: 1 });
    // The panel learns about the item and that processing is stopped.
    await h.sink.next('queue:state', (state) => state.queued === 1 && !state.running);
    expect(await h.call('transfer:list', {})).toMatchObject([{ status: 'queued' }]);
    // Only the browsing connection logged in; no RETR went out.
    expect(server?.commands.filter((c) => c === 'USER alice')).toHaveLength(1);
    expect(server?.commands.some((c) => c.startsWith('RETR'))).toBe(false);
    expect(existsSync(join(local, 'later.bin'))).toBe(false);

    await h.call('queue:start', {});
    const [item] = await settled(h, 1);
    expect(item?.status).toBe('done');
    expect(sha256(await readFile(join(local, 'later.bin')))).toBe(sha256(content));
    expect(server?.commands.filter((c) => c === 'USER alice')).toHaveLength(2);
  });

  it('adds without starting once an earlier run has finished', async () => {
    const files = { '/a.bin': randomBytes(100), '/b.bin': randomBytes(100) };
    const session = await setup({ files });
    const h = harness as ServicesHarness;
    await h.call('transfer:enqueue', download(session.sessionId, '/a.bin', join(local, 'a.bin')));
    await settled(h, 1);
    // The first run is over: "Add files to queue" now leaves the queue stopped.
    await h.call('transfer:enqueue', {
      ...download(session.sessionId, '/b.bin', join(local, 'b.bin')),
      start: false,
    });
    await h.sink.next('queue:state', (state) => state.queued === 1 && !state.running);
    expect(existsSync(join(local, 'b.bin'))).toBe(false);
    const retrs = server?.commands.filter((c) => c.startsWith('RETR')) ?? [];
    expect(retrs).toHaveLength(1);
    expect(retrs[0]).toMatch(/a\.bin$/);
  });

  it('resumes a 50 MB download cut in the middle to an identical file', async () => {
    const content = randomBytes(50 * 1024 * 1024);
    let cuts = 0;
    const session = await setup({
      files: { '/big.bin': content },
      handlers: {
        RETR: async (c) => {
          if (cuts > 0) return c.defaultHandler();
          cuts += 1;
          c.reply('150 Opening BINARY mode data connection');
          const data = await c.openData();
          data.write(content.subarray(0, 20 * 1024 * 1024), () => {
            data.destroy();
            c.reply('426 Connection closed; transfer aborted.');
          });
        },
      },
    });
    const h = harness as ServicesHarness;
    await h.call(
      'transfer:enqueue',
      download(session.sessionId, '/big.bin', join(local, 'big.bin'), content.length),
    );
    const [item] = await settled(h, 1);
    expect(item).toMatchObject({ status: 'done', attempts: 1 });
    expect(sha256(await readFile(join(local, 'big.bin')))).toBe(sha256(content));
    expect(server?.commands.some((c) => /^REST \d+$/.test(c) && c !== 'REST 0')).toBe(true);
    expect(existsSync(join(local, 'big.bin.portside-part'))).toBe(false);
  });

  it('leaves the original local file intact when an overwrite fails', async () => {
    const original = 'the file the user had before';
    await writeFile(join(local, 'a.bin'), original);
    const session = await setup(
      {
        files: { '/a.bin': randomBytes(100_000) },
        dataFaults: { RETR: { cutAfterBytes: 5000, finalReply: '426 Aborted.' } },
      },
      { retries: 0 },
    );
    const h = harness as ServicesHarness;
    await h.call(
      'transfer:enqueue',
      download(session.sessionId, '/a.bin', join(local, 'a.bin'), 100_000),
    );
    const [item] = await settled(h, 1);
    expect(item?.status).toBe('failed');
    expect(item?.error?.message).toMatch(/ended early|aborted/);
    expect(await readFile(join(local, 'a.bin'), 'utf8')).toBe(original);
  });

  it('absorbs "421 too many connections" by using fewer connections', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`/f${i}.bin`, randomBytes(500)]),
    );
    const session = await setup({ files, maxConnections: 2 }, { simultaneousTransfers: 4 });
    const h = harness as ServicesHarness;
    for (let i = 0; i < 6; i += 1)
      await h.call(
        'transfer:enqueue',
        download(session.sessionId, `/f${i}.bin`, join(local, `f${i}.bin`)),
      );
    const items = await settled(h, 6);
    expect(items.map((i) => i.status)).toEqual(Array(6).fill('done'));
    expect(items.every((i) => i.error === null)).toBe(true);
    await h.sink.next('session:log', (b) =>
      b.lines.some((l) =>
        l.text.startsWith('The server refused more connections; using at most 1'),
      ),
    );
  });

  it('downloads and uploads a folder of 1,000 files recursively', async () => {
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 1000; i += 1)
      files[`/tree/d${i % 7}/s${i % 3}/f${i}.txt`] = randomBytes(64 + (i % 50));
    const session = await setup({ files }, { simultaneousTransfers: 4 });
    // An empty folder, made on the server before the transfer: it must arrive too.
    await (harness as ServicesHarness).call('remote:mkdir', {
      sessionId: session.sessionId,
      path: '/tree/empty',
    });
    await (harness as ServicesHarness).call('remote:mkdir', {
      sessionId: session.sessionId,
      path: '/tree/empty/inner',
    });
    const h = harness as ServicesHarness;
    await h.call('transfer:enqueue', {
      sessionId: session.sessionId,
      items: [
        {
          direction: 'download',
          kind: 'directory',
          remotePath: '/tree',
          localPath: join(local, 'tree'),
        },
      ],
    });
    const items = await settled(h, 1000);
    expect(items.filter((i) => i.status === 'done')).toHaveLength(1000);
    expect(existsSync(join(local, 'tree', 'empty', 'inner'))).toBe(true);
    for (const [path, content] of Object.entries(files)) {
      expect(sha256(await readFile(join(local, path)))).toBe(sha256(content));
    }
    await h.call('queue:clear-finished', {});
    await h.call('transfer:enqueue', {
      sessionId: session.sessionId,
      items: [
        {
          direction: 'upload',
          kind: 'directory',
          localPath: join(local, 'tree'),
          remotePath: '/copy',
        },
      ],
    });
    await settled(h, 1000);
    for (const [path, content] of Object.entries(files)) {
      expect(sha256(server?.files.get(path.replace('/tree/', '/copy/')) ?? '')).toBe(
        sha256(content),
      );
    }
  }, 120_000);

  it('saves the queue, restores it stopped, and finishes the restored item with resume', async () => {
    const content = randomBytes(200_000);
    let stalls = 0;
    const session = await setup({
      files: { '/a.bin': content },
      handlers: {
        // The first download stalls half way (the app is then "restarted"); later ones run.
        RETR: async (c) => {
          if (stalls > 0) return c.defaultHandler();
          stalls += 1;
          c.reply('150 Opening BINARY mode data connection');
          const data = await c.openData();
          data.write(content.subarray(0, 50_000));
        },
      },
    });
    let h = harness as ServicesHarness;
    await h.call(
      'transfer:enqueue',
      download(session.sessionId, '/a.bin', join(local, 'a.bin'), content.length),
    );
    await h.sink.next('transfer:update', (u) => u.items.some((i) => i.transferred >= 50_000));
    h = await h.restart();
    harness = h;
    const restored = await h.call('transfer:list', {});
    expect(restored).toHaveLength(1);
    expect(restored[0]).toMatchObject({ status: 'queued', remotePath: '/a.bin' });
    expect(h.sink.of('queue:state').at(-1)?.running ?? false).toBe(false);
    // A window opened now learns the same from one request (no event has been sent).
    expect(await h.call('queue:get-state', {})).toMatchObject({ running: false, queued: 1 });
    expect(existsSync(join(local, 'a.bin.portside-part'))).toBe(true);
    expect(existsSync(join(local, 'a.bin'))).toBe(false);
    // The restored item finds its password through a new session to the same server.
    const fake = server as FakeFtpServer;
    await h.call('session:connect', {
      quick: {
        host: fake.host,
        port: fake.port,
        user: 'alice',
        password: 'secret',
        encryption: 'none',
      },
    });
    await h.call('queue:start', {});
    const [done] = await settled(h, 1);
    expect(done).toMatchObject({ id: restored[0]?.id, status: 'done' });
    expect(sha256(await readFile(join(local, 'a.bin')))).toBe(sha256(content));
    // Resumed from what reached the disk before the restart, not from byte 0.
    expect(fake.commands.some((c) => /^REST [1-9]\d*$/.test(c))).toBe(true);
  });
});

describe('file exists', () => {
  const remote = randomBytes(3000);

  async function existing(content: string | Buffer, mtime: Date): Promise<string> {
    const path = join(local, 'a.bin');
    await writeFile(path, content);
    await utimes(path, mtime, mtime);
    return path;
  }

  async function runWith(action: string): Promise<TransferItem> {
    const h = harness as ServicesHarness;
    await h.call('settings:update', { fileExistsAction: action as never });
    const info = h.sink.of('session:state').at(-1) as SessionInfo;
    await h.call(
      'transfer:enqueue',
      download(info.sessionId, '/a.bin', join(local, 'a.bin'), remote.length),
    );
    const [item] = await settled(h, 1);
    return item as TransferItem;
  }

  beforeEach(async () => {
    await setup({ files: { '/a.bin': remote } });
  });

  it('overwrite replaces the file', async () => {
    await existing('old', new Date());
    expect((await runWith('overwrite')).status).toBe('done');
    expect(sha256(await readFile(join(local, 'a.bin')))).toBe(sha256(remote));
  });

  it('skip leaves the file alone', async () => {
    await existing('old', new Date());
    expect((await runWith('skip')).status).toBe('skipped');
    expect(await readFile(join(local, 'a.bin'), 'utf8')).toBe('old');
  });

  it('rename keeps both files', async () => {
    await existing('old', new Date());
    const item = await runWith('rename');
    expect(item.localPath).toBe(join(local, 'a (1).bin'));
    expect(await readFile(join(local, 'a.bin'), 'utf8')).toBe('old');
    expect(sha256(await readFile(join(local, 'a (1).bin')))).toBe(sha256(remote));
  });

  it('resume continues from the end of the existing file', async () => {
    await existing(remote.subarray(0, 1000), new Date());
    expect((await runWith('resume')).status).toBe('done');
    expect(sha256(await readFile(join(local, 'a.bin')))).toBe(sha256(remote));
    expect(server?.commands).toContain('REST 1000');
  });

  it('overwrite-if-size-differs skips a file of the same size and replaces another', async () => {
    await existing(Buffer.alloc(remote.length), new Date());
    expect((await runWith('overwrite-if-size-differs')).status).toBe('skipped');
    await (harness as ServicesHarness).call('queue:clear-finished', {});
    await existing('short', new Date());
    expect((await runWith('overwrite-if-size-differs')).status).toBe('done');
  });

  it('overwrite-if-newer replaces a file when the source is newer, or the source date is unknown', async () => {
    await existing('old', new Date(Date.UTC(2001, 0, 1)));
    expect((await runWith('overwrite-if-newer')).status).toBe('done');
  });

  it('asks, and remembers "for this queue"', async () => {
    await existing('old', new Date());
    const h = harness as ServicesHarness;
    await h.call('settings:update', { fileExistsAction: 'ask' });
    const info = h.sink.of('session:state').at(-1) as SessionInfo;
    await h.call(
      'transfer:enqueue',
      download(info.sessionId, '/a.bin', join(local, 'a.bin'), remote.length),
    );
    const question = await h.sink.next('transfer:exists');
    expect(question).toMatchObject({
      direction: 'download',
      target: join(local, 'a.bin'),
      existing: { size: 3 },
      source: { size: remote.length },
    });
    await h.call('transfer:resolve-exists', {
      requestId: question.requestId,
      action: 'skip',
      remember: 'queue',
    });
    const [item] = await settled(h, 1);
    expect(item?.status).toBe('skipped');
    expect(await readdir(local)).toEqual(['a.bin']);
    expect((await h.call('settings:get', {})).fileExistsAction).toBe('ask');
  });
});
