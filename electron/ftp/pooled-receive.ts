import { WriteStream } from 'node:fs';
import { Socket, type OnReadOpts } from 'node:net';
import type { Duplex, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { FtpError } from './errors.js';
import { classifyStreamError, type ByteCounter } from './streams.js';
import { CHUNK_BYTES, PER_TRANSFER, releaseBuffer, takeBuffer } from './transfer-buffers.js';

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
 * Writable may keep it (a collector, a PassThrough) and gets a copy. When every buffer is
 * out, the socket pauses (the callback returns false) until a write finishes: that is the
 * backpressure. TLS data sockets and active-mode (accepted) sockets keep the stream path,
 * since onread exists only on net.connect and TLS must see the raw bytes itself.
 *
 * Why reads are gathered: a loopback read brings about 90 KiB, and one file write per read
 * meant about 11,000 thread-pool round trips per GiB, which cost more CPU than the copying
 * (1 GiB to disk: 1.6 s of CPU against lftp's 1.0 s). While a write is in flight, further
 * reads land behind the previous ones in the same buffer, which is written when the
 * destination is free again or the buffer is nearly full; a destination that keeps up (a
 * slow link, a fast disk) still gets every read at once. Bytes are counted (progress, the
 * size limit) per read, as they arrive.
 *
 * One receiver serves one data connection: `onread()` goes to net.connect, `bind()` gets
 * the socket, `receive()` runs the transfer. Data that arrives before `receive()` starts
 * is held (it counts against the pool, so the socket pauses then too).
 */
export class PooledReceiver {
  /** The buffer reads land in, and how much of it is filled and not yet handed on. */
  private current: Buffer | undefined;
  private filled = 0;
  /** Buffers handed to the destination (or held) whose write has not called back. */
  private inFlight = 0;
  private paused = false;
  private socket: Socket | undefined;
  private readonly held: { chunk: Buffer; buffer: Buffer }[] = [];
  /** Read sizes not yet counted, from before receive() started. */
  private readonly uncounted: number[] = [];
  private early: Error | undefined;
  private sink: ((chunk: Buffer, buffer: Buffer) => void) | undefined;
  private count: ((length: number) => boolean) | undefined;
  private drained: (() => void) | undefined;

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
        return this.filled === 0 ? this.current : this.current.subarray(this.filled);
      },
      callback: (length) => this.delivered(length),
    };
  }

  bind(socket: Socket): void {
    this.socket = socket;
    // An error before receive() starts (the idle timeout, a reset) is kept for it: with no
    // listener it would be thrown as an uncaught exception.
    socket.on('error', (error) => (this.early ??= error));
    socket.once('close', () => {
      // No read can land in the current buffer any more; what it holds is still to write.
      if (this.current !== undefined && this.filled === 0) releaseBuffer(this.current);
      if (this.filled === 0) this.current = undefined;
    });
  }

  /**
   * Resolves once the socket ended with every byte handed to the destination, which is then
   * ended: `bytes` is the count, `flushed` settles when the destination finished (its
   * writes done and the file closed, as pipeline() would wait for). The two are apart so the
   * control connection is free for the next command while the disk catches up: a tree of
   * small files paid a thread-pool round trip per file for the close (issue 8). A short
   * read, a count past the limit, and a socket error or close without end reject; a write
   * error rejects this or, once the socket is done, `flushed`. When the connection fails,
   * what arrived is written before the rejection, so a resume starts where the data stopped.
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
      // The connection broke: write what arrived, then report.
      const failKeeping = (error: unknown): void => {
        if (settled) return;
        this.handOff();
        settled = true;
        cleanup();
        socket.destroy();
        if (this.inFlight === 0) reject(error);
        else this.drained = () => reject(error);
      };
      const finish = (): void => {
        if (settled || !ended) return;
        this.handOff();
        const short = counter.finish();
        if (short !== undefined) {
          failKeeping(short);
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
      this.count = (length) => {
        const refused = counter.accept(length);
        if (refused === undefined) return true;
        // Past the size limit (a server that ignored REST): nothing of this batch is written.
        this.filled = 0;
        fail(refused);
        return false;
      };
      this.sink = (chunk, buffer) => {
        if (settled) {
          this.returned(buffer);
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
          failKeeping(
            new FtpError('network', 'The data connection was closed before the transfer finished'),
          );
      };
      const onSocketError = (error: Error): void =>
        failKeeping(classifyStreamError(error, destination));
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
      for (const length of this.uncounted.splice(0)) if (!this.count(length)) return;
      for (const { chunk, buffer } of this.held.splice(0)) this.sink(chunk, buffer);
      if (this.early !== undefined) onSocketError(this.early);
      else if (socket.destroyed && !ended) onClose();
      finish();
    });
  }

  /** onread's callback: `length` more bytes landed in the current buffer. */
  private delivered(length: number): boolean {
    this.filled += length;
    if (this.count === undefined) this.uncounted.push(length);
    else if (!this.count(length)) return false;
    // Write now when nothing is being written, or when the next read might not fit;
    // otherwise the next read lands behind this one.
    if (this.inFlight === 0 || CHUNK_BYTES - this.filled < MIN_READ_SPACE) this.handOff();
    // Keep one buffer for the read after resume(); pause while the rest are being written.
    if (this.inFlight >= PER_TRANSFER - 1) {
      this.paused = true;
      return false;
    }
    return true;
  }

  /**
   * Hands the filled part of the current buffer to the destination (or holds it). Only
   * from the read callback (the next read then asks for a buffer) or once no read can come
   * (end, error, close): Node fixes the next read's target right after each callback.
   */
  private handOff(): void {
    const buffer = this.current;
    if (buffer === undefined || this.filled === 0) return;
    const chunk = buffer.subarray(0, this.filled);
    this.current = undefined;
    this.filled = 0;
    this.inFlight += 1;
    if (this.sink === undefined) this.held.push({ chunk, buffer });
    else this.sink(chunk, buffer);
  }

  private returned(buffer: Buffer): void {
    this.inFlight -= 1;
    releaseBuffer(buffer);
    // What gathered meanwhile is not handed on here: Node already gave the socket the rest
    // of the current buffer for its next read, so that buffer goes at the next read (or at
    // the end), never while a read may still land in it.
    if (this.inFlight === 0 && this.drained !== undefined) {
      const drained = this.drained;
      this.drained = undefined;
      drained();
    }
    if (this.paused && this.inFlight < PER_TRANSFER - 1) {
      this.paused = false;
      this.socket?.resume();
    }
  }
}

/** Room a read needs in the current buffer before another buffer is started. */
const MIN_READ_SPACE = 128 * 1024;

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
