import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadTree, uploadTree } from '../services/tree-transfer.js';
import { startEmbeddedFtpServer, type EmbeddedFtpServer } from '../demo/embedded-ftp-server.js';
import { hashTree, makeTree, sha256 } from '../test-support/tree-fixtures.js';
import { FtpClient } from './client.js';
import { formatLogLine } from './log.js';

/** The engine against an ordinary FTP server (ftp-srv), in both data connection modes. */
describe.each(['passive', 'active'] as const)('engine against ftp-srv in %s mode', (mode) => {
  let server: EmbeddedFtpServer;
  let local: string;
  const log: string[] = [];

  const connect = () =>
    FtpClient.connect({
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      tls: 'none',
      mode,
      fallback: false,
      log: (event) => log.push(formatLogLine(event)),
    });

  beforeAll(async () => {
    server = await startEmbeddedFtpServer();
    local = await mkdtemp(join(tmpdir(), 'portside-local-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(local, { recursive: true, force: true });
  });

  it('logs in, lists, downloads and uploads with identical bytes', async () => {
    const content = randomBytes(3 * 1024 * 1024 + 17);
    await mkdir(join(server.root, 'pub'));
    await writeFile(join(server.root, 'pub', 'data.bin'), content);
    const client = await connect();
    const listing = await client.list('pub');
    expect(listing.entries.map((e) => [e.name, e.kind, e.size])).toEqual([
      ['data.bin', 'file', content.length],
    ]);

    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) });
    const got = await client.download('pub/data.bin', sink);
    expect(got.bytes).toBe(content.length);
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(content));

    const source = new PassThrough();
    source.end(content);
    await client.upload(source, 'pub/copy.bin');
    expect(sha256(await readFile(join(server.root, 'pub', 'copy.bin')))).toBe(sha256(content));
    await client.quit();

    const dataCommands = log.filter((line) => /^Command: (EPSV|PASV|PORT|EPRT)/.test(line));
    const expected = mode === 'passive' ? /^Command: EPSV$/ : /^Command: PORT 127,0,0,1,\d+,\d+$/;
    expect(dataCommands.length).toBe(3);
    for (const line of dataCommands) expect(line).toMatch(expected);
    expect(log).toContain('Status: Directory listing successful');
    expect(log.join('\n')).not.toContain(server.password);
  });

  it('resumes a download and an upload from an offset', async () => {
    const content = randomBytes(200_000);
    await writeFile(join(server.root, 'resume.bin'), content);
    const client = await connect();
    const chunks: Buffer[] = [content.subarray(0, 70_000)];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) });
    const got = await client.download('resume.bin', sink, { offset: 70_000 });
    expect(got.bytes).toBe(130_000);
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(content));

    await writeFile(join(server.root, 'partial.bin'), content.subarray(0, 50_000));
    const rest = new PassThrough();
    rest.end(content.subarray(50_000));
    await client.upload(rest, 'partial.bin', { offset: 50_000 });
    expect(sha256(await readFile(join(server.root, 'partial.bin')))).toBe(sha256(content));
    await client.quit();
  });

  it('downloads into a slow file intact: pooled read buffers are reused only after their write', async () => {
    const content = randomBytes(9 * 1024 * 1024 + 5);
    await writeFile(join(server.root, 'slow.bin'), content);
    const client = await connect();
    const target = join(local, `slow-${mode}.bin`);
    const output = createWriteStream(target);
    // Each write waits a little, so reads outrun writes: the socket must pause while every
    // pooled buffer is still being written, and no buffer may be refilled before its write.
    const write = output._write.bind(output);
    const writev = output._writev?.bind(output);
    output._write = (chunk: Buffer, encoding, done) => {
      setTimeout(() => write(chunk, encoding, done), 3);
    };
    if (writev !== undefined) {
      output._writev = (chunks, done) => {
        setTimeout(() => writev(chunks, done), 3);
      };
    }
    const got = await client.download('slow.bin', output);
    expect(got.bytes).toBe(content.length);
    expect(sha256(await readFile(target))).toBe(sha256(content));
    await client.quit();
  });

  it('creates, renames and removes folders and files', async () => {
    const client = await connect();
    await client.mkdir('made here');
    await client.rename('made here', 'renamed');
    const source = new PassThrough();
    source.end('x');
    await client.upload(source, 'renamed/-dash name.txt');
    expect(await readFile(join(server.root, 'renamed', '-dash name.txt'), 'utf8')).toBe('x');
    await client.remove('renamed/-dash name.txt');
    await client.rmdir('renamed');
    const names = (await client.list()).entries.map((e) => e.name);
    expect(names).not.toContain('renamed');
    await client.quit();
  });

  it('downloads and uploads a tree of 500 files across nested folders with two connections', async () => {
    const source = join(local, `source-${mode}`);
    const expected = await hashTree((await makeTree(source, 500), source));
    const clients = [await connect(), await connect()];
    const up = await uploadTree(clients, source, `tree-${mode}`);
    expect(up.files).toBe(500);
    expect(await hashTree(join(server.root, `tree-${mode}`))).toEqual(expected);

    const target = join(local, `target-${mode}`);
    const down = await downloadTree(clients, `tree-${mode}`, target);
    expect(down.files).toBe(500);
    expect(await hashTree(target)).toEqual(expected);
    await Promise.all(clients.map((c) => c.quit()));
  }, 60_000);
});
