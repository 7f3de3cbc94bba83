import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedFtpServer } from '../demo/embedded-ftp-server.js';
import { uploadFile } from '../services/file-transfer.js';
import {
  generateTestCertificate,
  startFakeFtpServer,
  type CommandContext,
  type FakeFtpServer,
} from '../test-support/fake-ftp-server.js';
import { sha256 } from '../test-support/tree-fixtures.js';
import { FtpClient } from './client.js';
import type { ConnectOptions } from './connect-options.js';

/**
 * Uploads from reused buffers (pooled-send.ts). A buffer refilled before the socket wrote
 * it out would send the next chunk's bytes in its place: only a reader slower than the
 * sender makes writes wait in libuv long enough for that to show, and no real server can
 * be told to read slowly, so the slow reader is a STOR handler on the fake server.
 */
let local: string;
let server: FakeFtpServer | undefined;

beforeAll(async () => {
  local = await mkdtemp(join(tmpdir(), 'portside-send-'));
});
afterAll(async () => {
  await rm(local, { recursive: true, force: true });
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Received {
  readonly hash: string;
  readonly bytes: number;
  readonly restOffset: number;
}

/**
 * STOR that reads in bursts: after every 2 MiB it stops reading for 100 ms, so the
 * sender's writes back up behind full kernel buffers and wait for their callbacks.
 */
function slowStor(received: Received[]) {
  return async (ctx: CommandContext): Promise<void> => {
    const socket = await ctx.openData();
    ctx.reply('150 Ok to send data.');
    const hash = createHash('sha256');
    let bytes = 0;
    let sincePause = 0;
    await new Promise<void>((resolve, reject) => {
      socket.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
        sincePause += chunk.length;
        if (sincePause >= 2 * 1024 * 1024) {
          sincePause = 0;
          socket.pause();
          setTimeout(() => socket.resume(), 100);
        }
      });
      socket.once('end', () => resolve());
      socket.once('error', reject);
    });
    socket.end();
    received.push({ hash: hash.digest('hex'), bytes, restOffset: ctx.session.restOffset });
    ctx.reply('226 Transfer complete.');
  };
}

const { key, cert } = generateTestCertificate();

const cases: readonly {
  readonly name: string;
  readonly tls: boolean;
  readonly mode: 'passive' | 'active';
}[] = [
  { name: 'plain passive', tls: false, mode: 'passive' },
  { name: 'plain active', tls: false, mode: 'active' },
  { name: 'TLS (PROT P) passive', tls: true, mode: 'passive' },
];

describe.each(cases)('pooled upload to a slow reader, $name', ({ tls, mode }) => {
  async function connect(): Promise<{ client: FtpClient; received: Received[] }> {
    const received: Received[] = [];
    server = await startFakeFtpServer({
      ...(tls ? { tls: { key, cert } } : {}),
      handlers: { STOR: slowStor(received) },
    });
    const options: ConnectOptions = {
      host: server.host,
      port: server.port,
      user: 'alice',
      password: 'secret',
      tls: tls ? 'explicit' : 'none',
      ...(tls ? { tlsOptions: { ca: [cert] } } : {}),
      mode,
      fallback: false,
    };
    return { client: await FtpClient.connect(options), received };
  }

  it('sends every byte in order: no buffer is refilled before its write finished', async () => {
    const content = randomBytes(12 * 1024 * 1024 + 17);
    const source = join(local, `big-${mode}-${String(tls)}.bin`);
    await writeFile(source, content);
    const { client, received } = await connect();
    const progress: number[] = [];
    const sent = await uploadFile(client, source, 'big.bin', {
      onProgress: (p) => progress.push(p.bytes),
    });
    await client.quit();
    expect(sent).toBe(content.length);
    expect(received).toEqual([{ hash: sha256(content), bytes: content.length, restOffset: 0 }]);
    expect(progress.at(-1)).toBe(content.length);
    if (tls) expect(server?.commands).toContain('PROT P');
  });

  it('resumes from the REST offset: sends only the rest of the file', async () => {
    const content = randomBytes(5 * 1024 * 1024 + 3);
    const offset = 1024 * 1024 + 11;
    const source = join(local, `resume-${mode}-${String(tls)}.bin`);
    await writeFile(source, content);
    const { client, received } = await connect();
    // The fake server answers SIZE from its tree: put the part "already uploaded" there.
    server?.files.set('/resume.bin', content.subarray(0, offset));
    const total = await uploadFile(client, source, 'resume.bin', { resume: true });
    await client.quit();
    expect(total).toBe(content.length);
    expect(server?.commands).toContain(`REST ${offset}`);
    expect(received).toEqual([
      {
        hash: sha256(content.subarray(offset)),
        bytes: content.length - offset,
        restOffset: offset,
      },
    ]);
  });
});

describe('pooled upload against ftp-srv', () => {
  it('resumes a partial remote file and a fresh upload of an empty file', async () => {
    const embedded = await startEmbeddedFtpServer();
    try {
      const client = await FtpClient.connect({
        host: embedded.host,
        port: embedded.port,
        user: embedded.user,
        password: embedded.password,
        tls: 'none',
        fallback: false,
      });
      const content = randomBytes(3 * 1024 * 1024 + 99);
      const source = join(local, 'ftp-srv-resume.bin');
      await writeFile(source, content);
      await writeFile(join(embedded.root, 'part.bin'), content.subarray(0, 2_000_001));
      expect(await uploadFile(client, source, 'part.bin', { resume: true })).toBe(content.length);
      expect(sha256(await readFile(join(embedded.root, 'part.bin')))).toBe(sha256(content));

      const empty = join(local, 'empty.bin');
      await writeFile(empty, '');
      expect(await uploadFile(client, empty, 'empty.bin')).toBe(0);
      expect((await readFile(join(embedded.root, 'empty.bin'))).length).toBe(0);
      await client.quit();
    } finally {
      await embedded.close();
    }
  });
});

describe('pooled upload cancelled', () => {
  it('sends ABOR, keeps the control connection, and the next upload is intact', async () => {
    const content = randomBytes(8 * 1024 * 1024 + 1);
    const source = join(local, 'cancel.bin');
    await writeFile(source, content);
    server = await startFakeFtpServer({ dataFaults: { STOR: { stallAfterBytes: 100_000 } } });
    const connect = (port: number) =>
      FtpClient.connect({
        host: '127.0.0.1',
        port,
        user: 'alice',
        password: 'secret',
        tls: 'none',
        fallback: false,
      });
    const client = await connect(server.port);
    const controller = new AbortController();
    const error: unknown = await uploadFile(client, source, 'cancel.bin', {
      signal: controller.signal,
      onProgress: (p) => p.bytes > 0 && controller.abort(),
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'cancelled' });
    expect(server.commands).toContain('ABOR');
    expect((await client.list()).entries.map((e) => e.name)).toContain('cancel.bin');
    await client.quit();
    await server.close();

    // Buffers the cancelled upload still had out were not returned to the pool: the next
    // upload (same pool) must arrive intact.
    server = await startFakeFtpServer();
    const again = await connect(server.port);
    await uploadFile(again, source, 'again.bin');
    await again.quit();
    expect(sha256(server.files.get('/again.bin') ?? Buffer.alloc(0))).toBe(sha256(content));
  });
});
