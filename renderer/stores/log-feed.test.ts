import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/models/log-line.js';
import { createLogFeed } from './log-feed.js';
import { LOG_CAPACITY, type LogBatches } from './log-store.js';

const lines = (sessionId: string, from: number, count: number): LogLine[] =>
  Array.from({ length: count }, (_, i) => ({
    seq: from + i,
    time: 0,
    sessionId,
    kind: 'status' as const,
    text: '',
  }));

/** A frame scheduler the test runs by hand. */
function manualFrames() {
  const queued: (() => void)[] = [];
  return {
    schedule: (run: () => void) => {
      queued.push(run);
      return () => queued.splice(queued.indexOf(run), 1);
    },
    runFrame: () => queued.splice(0).forEach((run) => run()),
    get pending() {
      return queued.length;
    },
  };
}

describe('createLogFeed', () => {
  it('delivers every batch that arrived between two frames in one call, in order', () => {
    const frames = manualFrames();
    const delivered: LogBatches[] = [];
    const feed = createLogFeed((batches) => delivered.push(batches), frames.schedule);
    feed.push('a', lines('a', 0, 2));
    feed.push('b', lines('b', 0, 1));
    feed.push('a', lines('a', 2, 3));
    expect(frames.pending).toBe(1);
    expect(delivered).toHaveLength(0);
    frames.runFrame();
    expect(delivered).toHaveLength(1);
    const a = delivered[0]
      ?.get('a')
      ?.flat()
      .map((l) => l.seq);
    expect(a).toEqual([0, 1, 2, 3, 4]);
    expect(delivered[0]?.get('b')?.flat()).toHaveLength(1);
  });

  it('drops whole batches that the store would drop anyway while no frame runs', () => {
    const frames = manualFrames();
    const delivered: LogBatches[] = [];
    const feed = createLogFeed((batches) => delivered.push(batches), frames.schedule);
    for (let i = 0; i < 50; i += 1) feed.push('a', lines('a', i * 2000, 2000));
    frames.runFrame();
    const kept = delivered[0]?.get('a')?.flat() ?? [];
    expect(kept.length).toBeGreaterThanOrEqual(LOG_CAPACITY);
    expect(kept.length).toBeLessThan(LOG_CAPACITY + 2000);
    expect(kept.at(-1)?.seq).toBe(99_999);
  });

  it('delivers nothing after dispose', () => {
    const frames = manualFrames();
    const delivered: LogBatches[] = [];
    const feed = createLogFeed((batches) => delivered.push(batches), frames.schedule);
    feed.push('a', lines('a', 0, 1));
    feed.dispose();
    frames.runFrame();
    expect(delivered).toHaveLength(0);
  });
});
