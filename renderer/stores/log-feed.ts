import type { LogLine } from '../../shared/models/log-line.js';
import { LOG_CAPACITY, type LogBatches } from './log-store.js';

/** Asks for `run` to be called before the next paint; returns a cancel function. */
export type FrameScheduler = (run: () => void) => () => void;

export const animationFrame: FrameScheduler = (run) => {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(run);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(run, 16);
  return () => clearTimeout(id);
};

export interface LogFeed {
  /** Takes one 'session:log' batch; delivered with everything else before the next frame. */
  push(sessionId: string, lines: readonly LogLine[]): void;
  /** Delivers what is pending now. */
  flush(): void;
  /** Drops what is pending and stops. */
  dispose(): void;
}

/**
 * Coalesces 'session:log' batches into one store update per animation frame: a burst
 * over the WebSocket can bring many batches between two frames, and rendering after each
 * one is what freezes a window. Batches are kept as they came (no copying); while no frame
 * runs (a hidden tab), whole batches older than the last LOG_CAPACITY lines are dropped,
 * since the store would drop them anyway.
 */
export function createLogFeed(
  deliver: (batches: LogBatches) => void,
  schedule: FrameScheduler = animationFrame,
): LogFeed {
  let pending = new Map<string, { chunks: (readonly LogLine[])[]; lines: number }>();
  let cancel: (() => void) | undefined;
  let scheduled = false;

  const stop = (): void => {
    cancel?.();
    cancel = undefined;
    scheduled = false;
  };

  const flush = (): void => {
    stop();
    if (pending.size === 0) return;
    const batches = new Map<string, readonly (readonly LogLine[])[]>();
    for (const [sessionId, entry] of pending) batches.set(sessionId, entry.chunks);
    pending = new Map();
    deliver(batches);
  };

  return {
    push(sessionId, lines) {
      if (lines.length === 0) return;
      let entry = pending.get(sessionId);
      if (entry === undefined) {
        entry = { chunks: [], lines: 0 };
        pending.set(sessionId, entry);
      }
      entry.chunks.push(lines);
      entry.lines += lines.length;
      let first = entry.chunks[0];
      while (first !== undefined && entry.lines - first.length >= LOG_CAPACITY) {
        entry.chunks.shift();
        entry.lines -= first.length;
        first = entry.chunks[0];
      }
      if (!scheduled) {
        scheduled = true;
        const cancelThis = schedule(flush);
        // A scheduler may run `flush` at once (tests); then there is nothing to cancel.
        if (scheduled) cancel = cancelThis;
      }
    },
    flush,
    dispose() {
      stop();
      pending = new Map();
    },
  };
}
