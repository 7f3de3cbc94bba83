import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FtpError } from './errors.js';
import { PooledReceiver } from './pooled-receive.js';
import { ByteCounter } from './streams.js';

/**
 * The pooled receiver over a real loopback socket into a real file. The file's writes are
 * held back on demand (a WriteStream whose writes wait for a gate), which is how a busy
 * disk looks to the receiver: reads that arrive meanwhile must gather behind each other in
 * one buffer, never overwrite bytes still waiting to be written, and all reach the file.
 */
let folder: string;
let server: Server | undefined;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'portside-receive-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});
afterEach(async () => {
  server?.close();
  server = undefined;
});

/**
 * A real file (fs.WriteStream, so the receiver hands it its pooled buffers) whose writes
 * start only once `release()` was called; `writes()` counts the writes it was asked for.
 */
function gatedFile(path: string) {
  const file = createWriteStream(path);
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let writes = 0;
  const write = file._write.bind(file);
  const writev = file._writev?.bind(file);
  file._write = (chunk, encoding, done) => {
    writes += 1;
    void gate.then(() => write(chunk, encoding, done));
  };
  if (writev !== undefined) {
    file._writev = (chunks, done) => {
      writes += 1;
      void gate.then(() => writev(chunks, done));
    };
  }
  return { file, release: () => release(), writes: () => writes };
}

/** A server that sends `parts` with a pause between them, then ends or resets. */
async function serve(parts: readonly Buffer[], finish: 'end' | 'reset'): Promise<number> {
  server = createServer((socket: Socket) => {
    void (async () => {
      for (const part of parts) {
        socket.write(part);
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      if (finish === 'end') socket.end();
      else socket.resetAndDestroy();
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as { port: number }).port;
}

async function receiveInto(port: number, file: WriteStream, counter: ByteCounter) {
  const receiver = new PooledReceiver();
  const socket = connect({ host: '127.0.0.1', port, onread: receiver.onread() });
  receiver.bind(socket);
  await once(socket, 'connect');
  return receiver.receive(file, counter);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('PooledReceiver', () => {
  it('gathers reads that arrive while the file is busy, and writes every byte in order', async () => {
    const parts = Array.from({ length: 6 }, () => randomBytes(40_000));
    const port = await serve(parts, 'end');
    const path = join(folder, 'gathered.bin');
    const { file, release, writes } = gatedFile(path);
    const total = parts.reduce((n, p) => n + p.length, 0);
    const receiving = receiveInto(port, file, new ByteCounter(total, total, undefined));
    // Let every part arrive while the first write waits.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    const { bytes, flushed } = await receiving;
    await flushed;
    expect(bytes).toBe(total);
    expect(sha256(await readFile(path))).toBe(sha256(Buffer.concat(parts)));
    // The first part went at once; the five that came while it waited went as one.
    expect(writes()).toBeLessThanOrEqual(2);
  });

  it('writes what arrived before reporting a connection reset, so a resume starts there', async () => {
    const parts = [randomBytes(30_000), randomBytes(30_000)];
    const port = await serve(parts, 'reset');
    const path = join(folder, 'cut.bin');
    const { file, release } = gatedFile(path);
    const counter = new ByteCounter(1_000_000, 1_000_000, undefined);
    const receiving = receiveInto(port, file, counter).then(
      () => undefined,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    let reported = false;
    void receiving.then(() => (reported = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The reset came while the first write waited: nothing is reported before the data is on disk.
    expect(reported).toBe(false);
    release();
    const error = await receiving;
    expect(error).toBeInstanceOf(FtpError);
    expect((error as FtpError).code).toBe('network');
    file.end();
    await once(file, 'close');
    const onDisk = await readFile(path);
    expect(onDisk.length).toBe(counter.bytes);
    expect(sha256(onDisk)).toBe(sha256(Buffer.concat(parts).subarray(0, counter.bytes)));
    expect(counter.bytes).toBe(60_000);
  });
});
