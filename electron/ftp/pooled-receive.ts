import { WriteStream } from 'node:fs';
import { Socket, type OnReadOpts } from 'node:net';
import type { Duplex, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { FtpError } from './errors.js';
import { classifyStreamError, type ByteCounter } from './streams.js';
import { PER_TRANSFER, releaseBuffer, takeBuffer } from './transfer-buffers.js';

/**
 * Reads a plain (non-TLS) passive data socket into a few reused 1 MiB buffers instead of a
 * fresh Buffer per read (net.connect's `onread`), and writes them to the destination.
 *
 * Why memory stays flat: every byte goes through at most PER_TRANSFER buffers that are
 * recycled, so nothing is left for the garbage collector; the stream path allocated a new
 * 64 KiB Buffer per read, and V8 collects those external allocations late, so peak RSS
 * grew with the file (65 MB at 16 MiB, 110 MB at 1 GiB).
 *
 * Why reuse is safe: Writable.write() keeps a reference to the chunk until its callback
 * (fs.WriteStream writes it later, from the thread pool), so a buffer goes back to the
 * pool only in that callback, never when write() returns. Only destinations known to drop
 * the chunk once written (dropsChunksWhenWritten) get the pooled buffer itself; any other
 * Writable may keep it (a collector, a PassThrough) and gets a copy. When every buffer is out, the
 * socket pauses (the callback returns false) until a write finishes: that is the
 * backpressure. TLS data sockets and active-mode (accepted) sockets keep the stream path,
 * since onread exists only on net.connect and TLS must see the raw bytes itself.
 *
 * One receiver serves one data connection: `onread()` goes to net.connect, `bind()` gets
 * the socket, `receive()` runs the transfer. Data that arrives before `receive()` starts
 * is held (it counts against the pool, so the socket pauses then too).
 */
export class PooledReceiver {
  private current: Buffer | undefined;
  private inFlight = 0;
  private paused = false;
  private socket: Socket | undefined;
  private readonly held: { chunk: Buffer; buffer: Buffer }[] = [];
  private early: Error | undefined;
  private sink: ((chunk: Buffer, buffer: Buffer) => void) | undefined;

  /**
   * Whether `socket` is the one this receiver reads (it then emits no 'data'). A fallback to
   * the other data mode runs over another socket, which the stream path reads.
   */
  reads(socket: Duplex): boolean {
    return socket === this.socket;
  }

  onread(): OnReadOpts {
    return {
      buffer: () => {
        this.current ??= takeBuffer();
        return this.current;
      },
      callback: (length, buffer) => this.delivered(length, buffer as Buffer),
    };
  }

  bind(socket: Socket): void {
    this.socket = socket;
    // An error before receive() starts (the idle timeout, a reset) is kept for it: with no
    // listener it would be thrown as an uncaught exception.
    socket.on('error', (error) => (this.early ??= error));
    socket.once('close', () => {
      // No read can land in the current buffer any more.
      if (this.current !== undefined) releaseBuffer(this.current);
      this.current = undefined;
    });
  }

  /**
   * Resolves once the socket ended with every byte handed to the destination, which is then
   * ended: `bytes` is the count, `flushed` settles when the destination finished (its
   * writes done and the file closed, as pipeline() would wait for). The two are apart so the
   * control connection is free for the next command while the disk catches up: a tree of
   * small files paid a thread-pool round trip per file for the close (issue 8). A short
   * read, a count past the limit, and a socket error or close without end reject; a write
   * error rejects this or, once the socket is done, `flushed`.
   */
  receive(destination: Writable, counter: ByteCounter): Promise<Received> {
    const socket = this.socket;
    if (socket === undefined) return Promise.reject(new Error('PooledReceiver: not bound'));
    return new Promise<Received>((resolve, reject) => {
      let settled = false;
      let ended = socket.readableEnded;
      const safe = dropsChunksWhenWritten(destination);
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        cleanup();
        socket.destroy();
        reject(error);
      };
      const finish = (): void => {
        if (settled || !ended) return;
        const short = counter.finish();
        if (short !== undefined) {
          fail(short);
          return;
        }
        settled = true;
        cleanup();
        // Chunks still being written stay queued ahead of the end; finished() listens for
        // the destination's errors from here on.
        destination.end();
        const flushed = finished(destination).catch((error: unknown) => {
          throw classifyStreamError(error, destination);
        });
        flushed.catch(() => undefined);
        resolve({ bytes: counter.bytes, flushed });
      };
      this.sink = (chunk, buffer) => {
        if (settled) {
          this.returned(buffer);
          return;
        }
        const refused = counter.accept(chunk.length);
        if (refused !== undefined) {
          this.returned(buffer);
          fail(refused);
          return;
        }
        // A destination that may keep the chunk gets a copy, and the buffer is free at once.
        const retained = safe ? chunk : Buffer.from(chunk);
        if (!safe) this.returned(buffer);
        destination.write(retained, (error) => {
          if (safe) this.returned(buffer);
          if (error !== null && error !== undefined)
            fail(new FtpError('local-fs', `Local file error: ${error.message}`, { cause: error }));
        });
      };
      const onEnd = (): void => {
        ended = true;
        finish();
      };
      const onClose = (): void => {
        if (!ended)
          fail(
            new FtpError('network', 'The data connection was closed before the transfer finished'),
          );
      };
      const onSocketError = (error: Error): void => fail(classifyStreamError(error, destination));
      const onDestinationError = (error: Error): void =>
        fail(new FtpError('local-fs', `Local file error: ${error.message}`, { cause: error }));
      const cleanup = (): void => {
        socket.off('end', onEnd);
        socket.off('close', onClose);
        socket.off('error', onSocketError);
        destination.off('error', onDestinationError);
      };
      socket.on('end', onEnd);
      socket.on('close', onClose);
      socket.on('error', onSocketError);
      destination.on('error', onDestinationError);
      for (const { chunk, buffer } of this.held.splice(0)) this.sink(chunk, buffer);
      if (this.early !== undefined) onSocketError(this.early);
      else if (socket.destroyed && !ended) onClose();
      finish();
    });
  }

  /** onread's callback: `length` bytes landed at the start of `buffer` (the current one). */
  private delivered(length: number, buffer: Buffer): boolean {
    this.inFlight += 1;
    // The next read must go to a buffer nobody is writing from; onread asks for it right
    // after this callback returns.
    this.current = takeBuffer();
    const chunk = buffer.subarray(0, length);
    if (this.sink === undefined) this.held.push({ chunk, buffer });
    else this.sink(chunk, buffer);
    // Keep one buffer for the read after resume(); pause while the rest are being written.
    if (this.inFlight >= PER_TRANSFER - 1) {
      this.paused = true;
      return false;
    }
    return true;
  }

  private returned(buffer: Buffer): void {
    this.inFlight -= 1;
    releaseBuffer(buffer);
    if (this.paused && this.inFlight < PER_TRANSFER - 1) {
      this.paused = false;
      this.socket?.resume();
    }
  }
}

/** What receive() resolves with: the byte count, and when the destination has it all. */
export interface Received {
  readonly bytes: number;
  readonly flushed: Promise<void>;
}

/**
 * Writables that are done with a chunk when its write callback runs: a file written with
 * fs.write, a socket or pipe written by libuv, and process.stdout (one of those, or a
 * synchronous file writer when it is a file or /dev/null).
 */
function dropsChunksWhenWritten(destination: Writable): boolean {
  return (
    destination instanceof WriteStream ||
    destination instanceof Socket ||
    destination === process.stdout
  );
}
