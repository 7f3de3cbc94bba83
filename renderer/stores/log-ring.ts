import type { LogLine } from '../../shared/models/log-line.js';

/**
 * A fixed-capacity ring of log lines: appending costs O(lines appended) whatever the fill,
 * and the oldest lines fall off the front. A batch larger than the capacity writes only
 * its tail, since the rest would be overwritten in the same call anyway.
 */
export class LogRing {
  private readonly buffer: (LogLine | undefined)[];
  private head = 0;
  private count = 0;
  private dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be ≥ 1');
    this.buffer = new Array<LogLine | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /**
   * How many lines have fallen off the front since the ring was made or cleared. A view
   * scrolled into the middle subtracts the change from its position so the lines under
   * the reader stay put while new ones push old ones out.
   */
  get evicted(): number {
    return this.dropped;
  }

  /** The line at `index` (0 = the oldest kept), or undefined outside [0, size). */
  at(index: number): LogLine | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.buffer[(this.head + index) % this.capacity];
  }

  push(lines: readonly LogLine[]): void {
    const skip = Math.max(0, lines.length - this.capacity);
    this.dropped += skip;
    for (let i = skip; i < lines.length; i += 1) {
      const slot = (this.head + this.count) % this.capacity;
      this.buffer[slot] = lines[i];
      if (this.count < this.capacity) this.count += 1;
      else {
        this.head = (this.head + 1) % this.capacity;
        this.dropped += 1;
      }
    }
  }

  clear(): void {
    this.buffer.fill(undefined);
    this.head = 0;
    this.count = 0;
    this.dropped = 0;
  }

  /** The lines from `start` (inclusive) to `end` (exclusive), oldest first. */
  slice(start = 0, end = this.count): LogLine[] {
    const from = Math.max(0, start);
    const to = Math.min(this.count, end);
    const out: LogLine[] = [];
    for (let i = from; i < to; i += 1) {
      const line = this.at(i);
      if (line !== undefined) out.push(line);
    }
    return out;
  }
}
