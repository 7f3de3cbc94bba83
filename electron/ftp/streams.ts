import {
  Transform,
  type Duplex,
  type Readable,
  type TransformCallback,
  type Writable,
} from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FtpError } from './errors.js';
import { endedWithoutCloseNotify } from './tls-close-watch.js';

export interface TransferProgress {
  readonly bytes: number;
  /** Expected total for this transfer (after any resume offset), when known. */
  readonly total: number | undefined;
  readonly bytesPerSecond: number;
}

export type ProgressListener = (progress: TransferProgress) => void;

/** Progress is reported at most this often: a UI gains nothing from more (and pays for it). */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Counts bytes as they pass, reports progress at a bounded rate, and refuses to pass more
 * than `limit` bytes: a server that ignores REST and starts again from byte 0 sends more
 * than the rest of the file, and those bytes must not be appended to a partial file.
 * A plain object: the pooled paths call it directly and the stream path wraps it in a
 * Transform (countingStream); a Transform built for every file and never used by the
 * pooled paths showed in a tree of small files' profile (issue 8).
 */
export class ByteCounter {
  bytes = 0;
  private readonly started = Date.now();
  private lastReport = 0;

  constructor(
    private readonly limit: number | undefined,
    private readonly total: number | undefined,
    private readonly onProgress: ProgressListener | undefined,
  ) {}

  /**
   * Counts `length` more bytes, or returns the error to fail with when they would pass the
   * limit (and then counts nothing: the whole chunk is refused).
   */
  accept(length: number): FtpError | undefined {
    const next = this.bytes + length;
    if (this.limit !== undefined && next > this.limit) {
      return new FtpError(
        'protocol',
        `The server sent more data than the file holds (${next} > ${this.limit} bytes); it probably ignored the resume offset (REST). Nothing past the limit was written`,
      );
    }
    this.bytes = next;
    this.report(false);
    return undefined;
  }

  /** Reports the last progress; returns the error to fail with when the data ended short. */
  finish(): FtpError | undefined {
    this.report(true);
    // The stream ended cleanly but short: a cut connection looks exactly like this, and so
    // does a truncation attack on a data connection (RFC 4217 §12.6).
    if (this.limit !== undefined && this.bytes < this.limit) {
      return new FtpError(
        'network',
        `The transfer ended early: received ${this.bytes} of ${this.limit} bytes. The partial file can be resumed`,
      );
    }
    return undefined;
  }

  progress(): TransferProgress {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    return { bytes: this.bytes, total: this.total, bytesPerSecond: this.bytes / seconds };
  }

  private report(force: boolean): void {
    if (this.onProgress === undefined) return;
    const now = Date.now();
    if (!force && now - this.lastReport < PROGRESS_INTERVAL_MS) return;
    this.lastReport = now;
    this.onProgress(this.progress());
  }
}

/** Streams a data connection into `destination` with backpressure; resolves when flushed. */
/** The counter as a pipeline stage: passes chunks on, fails the pipeline past the limit. */
function countingStream(counter: ByteCounter): Transform {
  return new Transform({
    highWaterMark: 1 << 20,
    readableHighWaterMark: 1 << 20,
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      const refused = counter.accept(chunk.length);
      if (refused !== undefined) callback(refused);
      else callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      callback(counter.finish());
    },
  });
}

export async function receive(
  socket: Duplex,
  destination: Writable,
  counter: ByteCounter,
): Promise<number> {
  await pipeline(socket, countingStream(counter), destination).catch((error: unknown) => {
    throw classifyStreamError(error, destination);
  });
  refuseTruncatedTls(socket, counter.bytes);
  return counter.bytes;
}

/**
 * Streams `source` into a data connection. pipeline() ends the socket, which on TLS sends
 * close_notify before the FIN, and the caller destroys it only after the server's final
 * reply: vsftpd answers `426 Failure reading network stream.` to an upload whose TLS data
 * connection closes without close_notify (a truncation attack looks the same).
 */
export async function send(
  source: Readable,
  socket: Duplex,
  counter: ByteCounter,
): Promise<number> {
  await pipeline(source, countingStream(counter), socket).catch((error: unknown) => {
    throw classifyStreamError(error, source);
  });
  return counter.bytes;
}

/** Collects a (small) data stream in memory, refusing more than `maxBytes`. */
export async function collect(socket: Duplex, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of socket as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > maxBytes) {
      socket.destroy();
      throw new FtpError(
        'protocol',
        `The ${what} is larger than ${Math.round(maxBytes / 1048576)} MiB; refused`,
      );
    }
    chunks.push(chunk);
  }
  refuseTruncatedTls(socket, length);
  return Buffer.concat(chunks, length);
}

/**
 * A TLS data stream that ended without close_notify may have been cut short, whatever the
 * byte count says (RFC 4217 §12.6): fail, so a download is not moved into place and a
 * listing is not shown as complete (issue 9 item 18; see tls-close-watch.ts).
 */
function refuseTruncatedTls(socket: Duplex, bytes: number): void {
  if (!endedWithoutCloseNotify(socket)) return;
  throw new FtpError(
    'tls',
    `The TLS data connection closed without a close_notify alert after ${bytes} bytes, so the data may be truncated; not accepted as complete`,
  );
}

export function classifyStreamError(error: unknown, local: Readable | Writable): FtpError {
  if (error instanceof FtpError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (local.errored !== null && local.errored !== undefined) {
    return new FtpError('local-fs', `Local file error: ${message}`, { cause: error });
  }
  return classifySocketError(error);
}

/** A data socket's error, when no local stream is involved (pooled-send.ts). */
export function classifySocketError(error: unknown): FtpError {
  if (error instanceof FtpError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'EPIPE') {
    return new FtpError('network', 'The data connection was closed before the transfer finished', {
      cause: error,
    });
  }
  return new FtpError('network', `Data connection error: ${message}`, { cause: error });
}
