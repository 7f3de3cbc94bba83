/**
 * The 1 MiB buffers that plain downloads read into (pooled-receive.ts) and uploads send
 * from (pooled-send.ts). Node's stream path allocates a fresh Buffer per read (64 KiB from
 * a socket, the highWaterMark from a file); the garbage collector frees that external
 * memory late, so RSS grew with the file size (issue 8, README › Performance).
 */

/** Size of one read: over loopback a 1 MiB read takes what the kernel holds in one call. */
export const CHUNK_BYTES = 1 << 20;

/** Buffers one transfer may use: one being filled, the others being written. */
export const PER_TRANSFER = 4;

/** Buffers kept between transfers, so a tree of small files does not allocate per file. */
const SPARE_LIMIT = 8;
const spare: Buffer[] = [];

export function takeBuffer(): Buffer {
  // allocUnsafeSlow: a buffer of its own, not a slice of Node's shared pool, so keeping it
  // as a spare never keeps unrelated memory alive. Every byte is filled before it is used.
  return spare.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES);
}

/** Only for a buffer no pending write can still hold (after its callback, or never written). */
export function releaseBuffer(buffer: Buffer): void {
  if (spare.length < SPARE_LIMIT) spare.push(buffer);
}
