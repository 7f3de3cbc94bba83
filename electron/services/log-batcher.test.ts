import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordingSink } from '../test-support/recording-sink.js';
import { FRAME_MS, LogBatcher, MAX_LINES_PER_BATCH } from './log-batcher.js';

afterEach(() => {
  vi.useRealTimers();
});

const line = (text: string) => ({ kind: 'status' as const, text, time: 0 });

describe('LogBatcher', () => {
  it('delivers at most one message per frame per session, in order, numbered from 0', () => {
    vi.useFakeTimers();
    const sink = new RecordingSink();
    const batcher = new LogBatcher(sink.emit);
    for (let i = 0; i < 5; i += 1) batcher.push('a', line(`a${i}`));
    batcher.push('b', line('b0'));
    expect(sink.events).toHaveLength(0);
    vi.advanceTimersByTime(FRAME_MS);
    const batches = sink.of('session:log');
    expect(batches.map((b) => b.sessionId)).toEqual(['a', 'b']);
    expect(batches[0]?.lines.map((l) => [l.seq, l.text])).toEqual([
      [0, 'a0'],
      [1, 'a1'],
      [2, 'a2'],
      [3, 'a3'],
      [4, 'a4'],
    ]);
    batcher.push('a', line('a5'));
    vi.advanceTimersByTime(FRAME_MS);
    expect(
      sink
        .of('session:log')
        .at(-1)
        ?.lines.map((l) => l.seq),
    ).toEqual([5]);
  });

  it('drains a burst of 100,000 lines over many frames without losing or reordering any', () => {
    vi.useFakeTimers();
    const sink = new RecordingSink();
    const batcher = new LogBatcher(sink.emit);
    for (let i = 0; i < 100_000; i += 1) batcher.push('s', line(`line ${i}`));
    // Each frame delivers one bounded batch; the event loop is free in between.
    vi.advanceTimersByTime(FRAME_MS);
    expect(sink.of('session:log')).toHaveLength(1);
    expect(sink.of('session:log')[0]?.lines).toHaveLength(MAX_LINES_PER_BATCH);
    vi.advanceTimersByTime(FRAME_MS * 100);
    const batches = sink.of('session:log');
    expect(batches).toHaveLength(100_000 / MAX_LINES_PER_BATCH);
    const seqs = batches.flatMap((b) => b.lines.map((l) => l.seq));
    expect(seqs).toHaveLength(100_000);
    expect(seqs.every((seq, index) => seq === index)).toBe(true);
  });

  it('lets other work run between batches of a burst (the main process does not stall)', async () => {
    const sink = new RecordingSink();
    const batcher = new LogBatcher(sink.emit, 1);
    for (let i = 0; i < 20_000; i += 1) batcher.push('s', line(`line ${i}`));
    const batchesWhenOtherWorkRan = await new Promise<number>((resolve) =>
      setImmediate(() => resolve(sink.events.length)),
    );
    expect(batchesWhenOtherWorkRan).toBeLessThan(20_000 / MAX_LINES_PER_BATCH);
    batcher.dispose();
    expect(sink.of('session:log').flatMap((b) => b.lines)).toHaveLength(20_000);
  });
});
