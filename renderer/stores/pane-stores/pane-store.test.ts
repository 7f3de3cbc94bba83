import { describe, expect, it } from 'vitest';
import { paneEntry } from '../../features/file-pane/test-fakes.js';
import { remoteAncestors } from '../../features/file-pane/paths.js';
import { PARENT_ROW, createPaneStore, type PaneListing } from './pane-store.js';

const listing = (path: string, names: string[], parent: string | null = '/'): PaneListing => ({
  path,
  parent,
  entries: names.map((name) =>
    name.endsWith('/')
      ? paneEntry(name.slice(0, -1), { kind: 'directory', size: null })
      : paneEntry(name),
  ),
});

function loaded(names: string[], parent: string | null = '/') {
  const store = createPaneStore(remoteAncestors);
  const token = store.getState().startListing('/x');
  store.getState().applyListing(token, listing('/x', names, parent));
  return store;
}

const none = { toggle: false, range: false };

describe('pane store', () => {
  it('ignores an answer that arrives after a newer request', () => {
    const store = createPaneStore(remoteAncestors);
    const first = store.getState().startListing('/slow');
    const second = store.getState().startListing('/fast');
    expect(store.getState().applyListing(second, listing('/fast', ['b']))).toBe(true);
    expect(store.getState().applyListing(first, listing('/slow', ['a']))).toBe(false);
    expect(store.getState().path).toBe('/fast');
    expect(store.getState().failListing(first, 'late')).toBe(false);
    expect(store.getState().error).toBeNull();
  });

  it('keeps the previous folder on a failed listing and says why', () => {
    const store = loaded(['a']);
    const token = store.getState().startListing('/nope');
    store.getState().failListing(token, 'No such folder');
    expect(store.getState()).toMatchObject({
      path: '/x',
      error: 'No such folder',
      loadingPath: null,
    });
  });

  it('sorts folders first and keeps rows addressable by index', () => {
    const store = loaded(['b', 'z/', 'a']);
    expect(store.getState().sorted.map((e) => e.name)).toEqual(['z', 'a', 'b']);
    // Row 0 is "..".
    expect(store.getState().rowOf.get('z')).toBe(1);
    store.getState().sortBy('name');
    expect(store.getState().sorted.map((e) => e.name)).toEqual(['z', 'b', 'a']);
    expect(store.getState().rowOf.get('b')).toBe(2);
  });

  it('selects with click, Ctrl-click and Shift-click', () => {
    const store = loaded(['a', 'b', 'c', 'd']);
    const { clickRow } = store.getState();
    clickRow('b', none);
    expect([...store.getState().selection]).toEqual(['b']);
    clickRow('d', { toggle: true, range: false });
    expect([...store.getState().selection].sort()).toEqual(['b', 'd']);
    clickRow('b', { toggle: true, range: false });
    expect([...store.getState().selection]).toEqual(['d']);
    clickRow('a', none);
    clickRow('c', { toggle: false, range: true });
    expect([...store.getState().selection].sort()).toEqual(['a', 'b', 'c']);
    // The ".." row is never selected, even inside a range.
    clickRow(PARENT_ROW, { toggle: false, range: true });
    expect([...store.getState().selection]).toEqual(['a']);
  });

  it('moves focus with arrows, extends with Shift, moves only with Ctrl', () => {
    const store = loaded(['a', 'b', 'c']);
    const s = () => store.getState();
    s().moveFocus(1, none); // first press lands on the first row: ".."
    expect(s().focused).toBe(PARENT_ROW);
    s().moveFocus(1, none);
    expect(s().focused).toBe('a');
    expect([...s().selection]).toEqual(['a']);
    s().moveFocus(1, { toggle: false, range: true });
    s().moveFocus(1, { toggle: false, range: true });
    expect([...s().selection].sort()).toEqual(['a', 'b', 'c']);
    s().moveFocus(-2, { toggle: true, range: false });
    expect(s().focused).toBe('a');
    expect(s().selection.size).toBe(3);
    s().moveFocus(99, none);
    expect(s().focused).toBe('c');
    expect([...s().selection]).toEqual(['c']);
  });

  it('selects all entries but not ".."', () => {
    const store = loaded(['a', 'b/']);
    store.getState().selectAll();
    expect([...store.getState().selection].sort()).toEqual(['a', 'b']);
  });

  it('keeps the selection on a refresh of the same folder, drops it on another', () => {
    const store = loaded(['a', 'b']);
    store.getState().clickRow('a', none);
    let token = store.getState().startListing('/x');
    store.getState().applyListing(token, listing('/x', ['a', 'c']));
    expect([...store.getState().selection]).toEqual(['a']);
    token = store.getState().startListing('/y');
    store.getState().applyListing(token, listing('/y', ['a']), 'a');
    expect(store.getState().selection.size).toBe(0);
    expect(store.getState().focused).toBe('a');
  });

  it('remembers recent folders, most recent first, without duplicates', () => {
    const store = createPaneStore(remoteAncestors);
    for (const path of ['/a', '/b', '/a', '/c']) {
      const token = store.getState().startListing(path);
      store.getState().applyListing(token, listing(path, []));
    }
    expect(store.getState().history).toEqual(['/c', '/a', '/b']);
  });

  it('feeds the folder tree with sub-folders and expands the path', () => {
    const store = createPaneStore(remoteAncestors);
    const token = store.getState().startListing('/pub/x');
    store.getState().applyListing(token, listing('/pub/x', ['f', 'sub/', 'Another/']));
    expect(store.getState().folders.get('/pub/x')).toEqual(['Another', 'sub']);
    expect([...store.getState().expanded]).toEqual(['/', '/pub', '/pub/x']);
  });
});
