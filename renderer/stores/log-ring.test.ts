import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/models/log-line.js';
import { LogRing } from './log-ring.js';

const lines = (from: number, count: number): LogLine[] =>
  Array.from({ length: count }, (_, i) => ({
    seq: from + i,
    time: 0,
    sessionId: 's',
    kind: 'status' as const,
    text: `line ${from + i}`,
  }));

describe('LogRing', () => {
  it('keeps lines in order until full, then drops the oldest', () => {
    const ring = new LogRing(5);
    ring.push(lines(0, 3));
    expect(ring.slice().map((l) => l.seq)).toEqual([0, 1, 2]);
    ring.push(lines(3, 4));
    expect(ring.size).toBe(5);
    expect(ring.slice().map((l) => l.seq)).toEqual([2, 3, 4, 5, 6]);
    expect(ring.evicted).toBe(2);
    expect(ring.at(0)?.seq).toBe(2);
    expect(ring.at(4)?.seq).toBe(6);
    expect(ring.at(5)).toBeUndefined();
    expect(ring.at(-1)).toBeUndefined();
  });

  it('takes only the tail of a batch larger than its capacity, and counts the rest as dropped', () => {
    const ring = new LogRing(4);
    ring.push(lines(0, 2));
    ring.push(lines(2, 10));
    expect(ring.slice().map((l) => l.seq)).toEqual([8, 9, 10, 11]);
    expect(ring.evicted).toBe(8);
  });

  it('clears', () => {
    const ring = new LogRing(3);
    ring.push(lines(0, 5));
    ring.clear();
    expect(ring.size).toBe(0);
    expect(ring.evicted).toBe(0);
    ring.push(lines(5, 1));
    expect(ring.slice().map((l) => l.seq)).toEqual([5]);
  });
});
