import type { SortColumn } from './sort-entries.js';

export type ColumnId = SortColumn;

export interface ColumnSpec {
  readonly id: ColumnId;
  readonly title: string;
  /** A CSS grid track. */
  readonly width: string;
  readonly numeric?: boolean;
}

// FileZilla's column titles: what its users look for.
const SPECS: Readonly<Record<ColumnId, ColumnSpec>> = {
  name: { id: 'name', title: 'Filename', width: 'minmax(10rem, 3fr)' },
  size: { id: 'size', title: 'Filesize', width: 'minmax(7rem, 0.9fr)', numeric: true },
  type: { id: 'type', title: 'Filetype', width: 'minmax(5.5rem, 1fr)' },
  modified: { id: 'modified', title: 'Last modified', width: 'minmax(8.5rem, 1.2fr)' },
  permissions: { id: 'permissions', title: 'Permissions', width: 'minmax(6rem, 0.8fr)' },
  owner: { id: 'owner', title: 'Owner/Group', width: 'minmax(5rem, 0.8fr)' },
};

export const LOCAL_COLUMNS: readonly ColumnSpec[] = [
  SPECS.name,
  SPECS.size,
  SPECS.type,
  SPECS.modified,
];
export const REMOTE_COLUMNS: readonly ColumnSpec[] = [
  SPECS.name,
  SPECS.size,
  SPECS.type,
  SPECS.modified,
  SPECS.permissions,
  SPECS.owner,
];

export function gridTemplate(columns: readonly ColumnSpec[]): string {
  return columns.map((column) => column.width).join(' ');
}
