import type { FileHandle } from 'node:fs/promises';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { finished } from 'node:stream/promises';
import { FtpError } from './errors.js';
import { classifySocketError, type ByteCounter } from './streams.js';
import { PER_TRANSFER, releaseBuffer, takeBuffer } from './transfer-buffers.js';

/**
 * A local file to upload, already open: `start` is where the upload begins (a resume
 * offset). The sender reads it with positional reads and never closes it; the caller does.
 */
export interface LocalFileSource {
  readonly handle: FileHandle;
  readonly start: number;
}

export function isLocalFile(source: object): source is LocalFileSource {
  return 'handle' in source && 'start' in source;
}

/**
 * Whether the pooled sender can write to `socket`: a net.Socket (plain, or the TLSSocket
 * of PROT P, which extends it). Anything else keeps the stream path.
 */
export function sendsPooled(socket: Duplex): socket is Socket {
  return socket instanceof Socket;
}

/**
 * Uploads a local file over a data socket from a few reused 1 MiB buffers, instead of a
 * read stream that allocates a fresh Buffer per read (the garbage collector frees those
 * external allocations late, so RSS grew with the file, as it did for downloads).
 *
 * Why reuse is safe: socket.write() hands the buffer to libuv, which writes from it later;
 * the buffer goes back to the pool only in that write's callback, which runs once it was
 * written. The same holds on a TLSSocket (PROT P): while earlier records wait for the
 * socket, TLS keeps the cleartext chunk itself and encrypts it later, so it is not copied
 * when write() returns (releasing a buffer there corrupted TLS uploads in
 * pooled-send.test.ts too); its callback runs once it was encrypted and written. A write
 * that failed, or that was still pending when the socket was destroyed (cancel, ABOR, a
 * timeout), never returns its buffer to the pool: libuv may still hold it, so it is left
 * to the garbage collector.
 *
 * Backpressure: at most PER_TRANSFER buffers are out, so the next read waits for a write
 * callback; the socket never queues more than that.
 *
 * The end: socket.end() and waiting for 'finish', as pipeline() did. On TLS end() sends
 * close_notify before the FIN; vsftpd answers `426 Failure reading network stream.` to an
 * upload whose data connection closes without it (see streams.ts send()).
 */
export function sendPooled(
  source: LocalFileSource,
  socket: Socket,
  counter: ByteCounter,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const { handle } = source;
    let position = source.start;
    let inFlight = 0;
    let reading = false;
    let eof = false;
    let settled = false;

    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onError = (error: Error): void => fail(classifySocketError(error));
    const onClose = (): void =>
      fail(new FtpError('network', 'The data connection was closed before the transfer finished'));
    const cleanup = (): void => {
      socket.off('error', onError);
      socket.off('close', onClose);
    };

    const end = (): void => {
      settled = true;
      cleanup();
      const short = counter.finish();
      if (short !== undefined) {
        socket.destroy();
        reject(short);
        return;
      }
      socket.end();
      finished(socket, { readable: false }).then(
        () => resolve(counter.bytes),
        (error: unknown) => reject(classifySocketError(error)),
      );
    };

    // Reads the next chunk when a buffer is free; called again from every write callback.
    const pump = (): void => {
      if (settled || reading) return;
      if (eof) {
        if (inFlight === 0) end();
        return;
      }
      if (inFlight >= PER_TRANSFER - 1) return;
      reading = true;
      const buffer = takeBuffer();
      handle.read(buffer, 0, buffer.length, position).then(
        ({ bytesRead }) => {
          reading = false;
          if (settled) {
            releaseBuffer(buffer);
            return;
          }
          if (bytesRead === 0) {
            releaseBuffer(buffer);
            eof = true;
            pump();
            return;
          }
          position += bytesRead;
          const refused = counter.accept(bytesRead);
          if (refused !== undefined) {
            releaseBuffer(buffer);
            fail(refused);
            return;
          }
          inFlight += 1;
          socket.write(buffer.subarray(0, bytesRead), (error) => {
            inFlight -= 1;
            if (error !== null && error !== undefined) {
              fail(classifySocketError(error));
              return;
            }
            // After a failure Node may still call back without an error for a write the
            // destroyed socket dropped: such a buffer is not trusted back into the pool.
            if (settled) return;
            releaseBuffer(buffer);
            pump();
          });
          pump();
        },
        (error: unknown) => {
          reading = false;
          // The buffer was only read into: no write holds it.
          releaseBuffer(buffer);
          fail(
            new FtpError('local-fs', `Local file error: ${(error as Error).message}`, {
              cause: error,
            }),
          );
        },
      );
    };

    socket.on('error', onError);
    socket.on('close', onClose);
    if (socket.destroyed) {
      onClose();
      return;
    }
    pump();
  });
}
