import type { LogLine } from '../../shared/models/log-line.js';
import type { LogEvent } from '../ftp/log.js';
import type { EventSink } from './router.js';

/** One flush per animation frame is as often as a renderer can show anything. */
export const FRAME_MS = 16;
/** A flush carries at most this many lines, so one message never takes long to serialize. */
export const MAX_LINES_PER_BATCH = 2000;

/**
 * Collects log lines per session and delivers them in batches: at most one 'session:log'
 * message per frame per session, in order, numbered, none dropped. A burst of 100,000
 * lines costs an array push each, then drains over a few dozen frames.
 */
export class LogBatcher {
  private readonly pending = new Map<string, LogLine[]>();
  private readonly sequence = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly emit: EventSink,
    private readonly frameMs = FRAME_MS,
  ) {}

  push(sessionId: string, event: LogEvent): void {
    const seq = this.sequence.get(sessionId) ?? 0;
    this.sequence.set(sessionId, seq + 1);
    const line: LogLine = { seq, time: event.time, sessionId, kind: event.kind, text: event.text };
    const queue = this.pending.get(sessionId);
    if (queue === undefined) this.pending.set(sessionId, [line]);
    else queue.push(line);
    this.schedule();
  }

  /** Delivers everything now (on shutdown, and in tests). */
  flushAll(): void {
    while (this.pending.size > 0) this.flush();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushAll();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
      if (this.pending.size > 0) this.schedule();
    }, this.frameMs);
  }

  private flush(): void {
    for (const [sessionId, queue] of this.pending) {
      const lines =
        queue.length <= MAX_LINES_PER_BATCH ? queue : queue.splice(0, MAX_LINES_PER_BATCH);
      if (lines === queue) this.pending.delete(sessionId);
      this.emit('session:log', { sessionId, lines });
    }
  }
}
