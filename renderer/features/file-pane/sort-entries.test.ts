import { describe, expect, it } from 'vitest';
import type { PaneEntry } from './pane-entry.js';
import { nextSort, sortEntries, type SortColumn } from './sort-entries.js';
import { paneEntry } from './test-fakes.js';

const entries: PaneEntry[] = [
  paneEntry('b.txt', {
    size: 300,
    modified: 3,
    owner: 'bob',
    group: 'staff',
    permissions: 'rw-------',
  }),
  paneEntry('a.zip', {
    size: 100,
    modified: 1,
    owner: 'carol',
    group: 'staff',
    permissions: 'rwxr-xr-x',
  }),
  paneEntry('file10', {
    size: 200,
    modified: 2,
    owner: 'alice',
    group: 'staff',
    permissions: 'rw-r--r--',
  }),
  paneEntry('file2', {
    size: 200,
    modified: 4,
    owner: 'alice',
    group: 'wheel',
    permissions: 'rw-r-----',
  }),
  paneEntry('Zeta', {
    kind: 'directory',
    size: null,
    modified: 5,
    owner: 'zed',
    permissions: 'rwx------',
  }),
  paneEntry('alpha', {
    kind: 'directory',
    size: null,
    modified: 6,
    owner: 'amy',
    permissions: 'rwxrwxrwx',
  }),
];

const names = (column: SortColumn, direction: 'ascending' | 'descending') =>
  sortEntries(entries, { column, direction }).map((e) => e.name);

describe('sortEntries', () => {
  it('puts folders first in both directions', () => {
    for (const column of ['name', 'size', 'type', 'modified', 'permissions', 'owner'] as const) {
      for (const direction of ['ascending', 'descending'] as const) {
        const kinds = sortEntries(entries, { column, direction }).map((e) => e.kind);
        expect(kinds.slice(0, 2), `${column} ${direction}`).toEqual(['directory', 'directory']);
      }
    }
  });

  it('sorts by name naturally and case-insensitively, both ways', () => {
    expect(names('name', 'ascending')).toEqual([
      'alpha',
      'Zeta',
      'a.zip',
      'b.txt',
      'file2',
      'file10',
    ]);
    expect(names('name', 'descending')).toEqual([
      'Zeta',
      'alpha',
      'file10',
      'file2',
      'b.txt',
      'a.zip',
    ]);
  });

  it('sorts by size, ties by name, both ways', () => {
    expect(names('size', 'ascending')).toEqual([
      'alpha',
      'Zeta',
      'a.zip',
      'file2',
      'file10',
      'b.txt',
    ]);
    expect(names('size', 'descending')).toEqual([
      'Zeta',
      'alpha',
      'b.txt',
      'file10',
      'file2',
      'a.zip',
    ]);
  });

  it('sorts by type, both ways', () => {
    // "File", "File", "TXT file", "ZIP file"
    expect(names('type', 'ascending')).toEqual([
      'alpha',
      'Zeta',
      'file2',
      'file10',
      'b.txt',
      'a.zip',
    ]);
    expect(names('type', 'descending')).toEqual([
      'Zeta',
      'alpha',
      'a.zip',
      'b.txt',
      'file10',
      'file2',
    ]);
  });

  it('sorts by modification time, both ways', () => {
    expect(names('modified', 'ascending')).toEqual([
      'Zeta',
      'alpha',
      'a.zip',
      'file10',
      'b.txt',
      'file2',
    ]);
    expect(names('modified', 'descending')).toEqual([
      'alpha',
      'Zeta',
      'file2',
      'b.txt',
      'file10',
      'a.zip',
    ]);
  });

  it('sorts by permissions and by owner/group, both ways', () => {
    expect(names('permissions', 'ascending')).toEqual([
      'Zeta',
      'alpha',
      'b.txt',
      'file2',
      'file10',
      'a.zip',
    ]);
    expect(names('permissions', 'descending')).toEqual([
      'alpha',
      'Zeta',
      'a.zip',
      'file10',
      'file2',
      'b.txt',
    ]);
    expect(names('owner', 'ascending')).toEqual([
      'alpha',
      'Zeta',
      'file10',
      'file2',
      'b.txt',
      'a.zip',
    ]);
    expect(names('owner', 'descending')).toEqual([
      'Zeta',
      'alpha',
      'a.zip',
      'b.txt',
      'file2',
      'file10',
    ]);
  });

  it('flips the sorted column and starts another ascending', () => {
    const byName = { column: 'name', direction: 'ascending' } as const;
    expect(nextSort(byName, 'name')).toEqual({ column: 'name', direction: 'descending' });
    expect(nextSort({ column: 'name', direction: 'descending' }, 'size')).toEqual({
      column: 'size',
      direction: 'ascending',
    });
  });

  it('does not modify its input', () => {
    const copy = [...entries];
    sortEntries(entries, { column: 'size', direction: 'descending' });
    expect(entries).toEqual(copy);
  });
});
