import { describe, expect, it } from 'vitest';
import { transferItem } from '../features/file-pane/test-fakes.js';
import { useTransferStore } from './transfer-store.js';

const s = () => useTransferStore.getState();
const ids = (tab: 'queued' | 'failed' | 'done') => [...(s().index?.idsOf(tab) ?? [])];

describe('transfer store', () => {
  it('loads the list and sorts items into tabs', () => {
    s().load([
      transferItem('a'),
      transferItem('b', { status: 'active' }),
      transferItem('c', { status: 'failed' }),
      transferItem('d', { status: 'done' }),
      transferItem('e', { status: 'skipped' }),
    ]);
    expect(s().loaded).toBe(true);
    expect(s().counts).toEqual({ queued: 2, failed: 1, done: 2 });
    // Running transfers first.
    expect(ids('queued')).toEqual(['b', 'a']);
    expect(ids('done')).toEqual(['d', 'e']);
  });

  it('upserts updates: new items appear, changed ones move between tabs', () => {
    s().load([transferItem('a'), transferItem('b')]);
    const before = s().layout;
    s().applyUpdate([transferItem('a', { status: 'active', transferred: 500 }), transferItem('c')]);
    expect(s().index?.items.get('a')?.transferred).toBe(500);
    expect(ids('queued')).toEqual(['a', 'b', 'c']);
    s().applyUpdate([transferItem('a', { status: 'done', transferred: 1000 })]);
    expect(ids('queued')).toEqual(['b', 'c']);
    expect(ids('done')).toEqual(['a']);
    expect(s().counts).toEqual({ queued: 2, failed: 0, done: 1 });
    expect(s().layout.done).toBeGreaterThan(before.done);
  });

  it('does not re-lay out a tab for progress alone', () => {
    s().load([transferItem('a', { status: 'active' })]);
    const layout = s().layout;
    const version = s().version;
    s().applyUpdate([transferItem('a', { status: 'active', transferred: 10 })]);
    expect(s().layout).toEqual(layout);
    expect(s().version).toBe(version + 1);
  });

  it('applies the last update of an id in a batch', () => {
    s().load([transferItem('a')]);
    s().applyUpdate([
      transferItem('a', { status: 'failed' }),
      transferItem('a', { status: 'queued', attempts: 1 }),
    ]);
    expect(ids('queued')).toEqual(['a']);
    expect(ids('failed')).toEqual([]);
    expect(s().index?.items.get('a')?.attempts).toBe(1);
  });

  it('orders queued files by priority, then arrival', () => {
    s().load([transferItem('a'), transferItem('b'), transferItem('c')]);
    s().applyUpdate([
      transferItem('c', { priority: 'highest' }),
      transferItem('a', { priority: 'low' }),
    ]);
    expect(ids('queued')).toEqual(['c', 'b', 'a']);
  });

  it('removes items', () => {
    s().load([transferItem('a'), transferItem('b', { status: 'done' })]);
    s().applyRemoved(['b', 'unknown']);
    expect(s().index?.items.has('b')).toBe(false);
    expect(s().counts).toEqual({ queued: 1, failed: 0, done: 0 });
  });

  it('accepts updates before the list and starts from an empty index after a reset', () => {
    s().applyUpdate([transferItem('early')]);
    expect(ids('queued')).toEqual(['early']);
    useTransferStore.setState(useTransferStore.getInitialState(), true);
    expect(s().index).toBeNull();
    s().applyUpdate([transferItem('later')]);
    expect(ids('queued')).toEqual(['later']);
  });

  it('keeps up with thousands of items per batch', () => {
    const many = Array.from({ length: 5000 }, (_, i) => transferItem(`t${i}`));
    s().load(many);
    s().applyUpdate(many.slice(0, 2500).map((item) => ({ ...item, status: 'done' as const })));
    expect(s().counts).toEqual({ queued: 2500, failed: 0, done: 2500 });
    expect(ids('done')[0]).toBe('t0');
    expect(ids('queued')[0]).toBe('t2500');
  });
});
