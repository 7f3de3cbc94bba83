import { createAsciiCollation } from './ascii-collation.js';
import { formatType } from './format.js';
import type { PaneEntry } from './pane-entry.js';

export type SortColumn = 'name' | 'size' | 'type' | 'modified' | 'permissions' | 'owner';
export type SortDirection = 'ascending' | 'descending';

export interface SortOrder {
  readonly column: SortColumn;
  readonly direction: SortDirection;
}

export const DEFAULT_SORT: SortOrder = { column: 'name', direction: 'ascending' };

/** Clicking the sorted column flips it; another column starts ascending. */
export function nextSort(current: SortOrder, column: SortColumn): SortOrder {
  if (current.column !== column) return { column, direction: 'ascending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

// "file2" before "file10", case-insensitive, as file managers sort. Ties (names differing
// only in case) fall back to code points so the order is total and stable across runs.
// The collator's order, without calling it for ASCII names (ascii-collation.ts).
const collation = createAsciiCollation(
  new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }),
);
const compareCollated = collation.compare;

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareNames(a: string, b: string): number {
  return compareCollated(a, b) || compareCodePoints(a, b);
}

function compareNullableNumbers(a: number | null, b: number | null): number {
  // Unknown sorts before every known value (ascending), like an empty cell.
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}

function compareText(a: string, b: string): number {
  return compareCollated(a, b);
}

type Keyed = {
  readonly entry: PaneEntry;
  readonly key: string;
  /** The name's collation key, when it has one (ASCII names). */
  readonly nameKey: string | undefined;
};

/**
 * Entries in display order: folders first in both directions (FileZilla's default), then
 * the chosen column, then the name. Called through useMemo, so a 100,000-entry folder is
 * sorted once per listing or sort change, never per render or scroll.
 */
export function sortEntries(entries: readonly PaneEntry[], order: SortOrder): PaneEntry[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  // The text columns are computed once per entry here rather than in every comparison.
  const keyed: Keyed[] = entries.map((entry) => ({
    entry,
    key: textKey(entry, order.column),
    nameKey: collation.key(entry.name),
  }));
  const primary = primaryComparator(order.column);
  keyed.sort((x, y) => {
    const folders = Number(y.entry.kind === 'directory') - Number(x.entry.kind === 'directory');
    if (folders !== 0) return folders;
    return sign * (primary(x, y) || compareKeyedNames(x, y));
  });
  return keyed.map((k) => k.entry);
}

function compareKeyedNames(x: Keyed, y: Keyed): number {
  const order =
    x.nameKey !== undefined && y.nameKey !== undefined
      ? compareCodePoints(x.nameKey, y.nameKey)
      : compareCollated(x.entry.name, y.entry.name);
  return order || compareCodePoints(x.entry.name, y.entry.name);
}

function textKey(entry: PaneEntry, column: SortColumn): string {
  switch (column) {
    case 'type':
      return formatType(entry);
    case 'permissions':
      return entry.permissions ?? '';
    case 'owner':
      return `${entry.owner ?? ''} ${entry.group ?? ''}`;
    case 'name':
    case 'size':
    case 'modified':
      return '';
  }
}

function primaryComparator(column: SortColumn): (x: Keyed, y: Keyed) => number {
  switch (column) {
    case 'name':
      return () => 0; // the name tie-break is the comparison
    case 'size':
      return (x, y) => compareNullableNumbers(x.entry.size, y.entry.size);
    case 'modified':
      return (x, y) => compareNullableNumbers(x.entry.modified, y.entry.modified);
    case 'type':
    case 'permissions':
    case 'owner':
      return (x, y) => compareText(x.key, y.key);
  }
}
