import type { PaneEntry } from './pane-entry.js';

// Formatters are costly to build and cheap to use: one of each, in the user's locale.
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** A byte count with the locale's thousands separators ("1,162"); '' when unknown. */
export function formatSize(size: number | null): string {
  return size === null ? '' : integer.format(size);
}

export function formatModified(time: number | null): string {
  return time === null || !Number.isFinite(time) ? '' : dateTime.format(time);
}

/** Longer "extensions" are parts of a name ("archive.2024-backup"), not a type. */
const MAX_EXTENSION = 8;

/** The extension in lower case ('' for none), as the type column and the icons see it. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  // ".bashrc" is a hidden file without an extension; "name." has none either.
  if (dot <= 0 || dot === name.length - 1) return '';
  const extension = name.slice(dot + 1);
  return extension.length > MAX_EXTENSION ? '' : extension.toLowerCase();
}

/** The type column, Explorer-style: "File folder", "TXT file", "File". */
export function formatType(entry: PaneEntry): string {
  switch (entry.kind) {
    case 'directory':
      return 'File folder';
    case 'symlink':
      return 'Symbolic link';
    case 'other':
      return 'Special file';
    case 'file': {
      const extension = extensionOf(entry.name);
      return extension === '' ? 'File' : `${extension.toUpperCase()} file`;
    }
  }
}

function plural(count: number, one: string, many: string): string {
  return `${integer.format(count)} ${count === 1 ? one : many}`;
}

export function formatByteCount(bytes: number): string {
  return plural(bytes, 'byte', 'bytes');
}

export interface EntryTotals {
  readonly files: number;
  readonly directories: number;
  readonly bytes: number;
  /** Some file's size is unknown (the listing did not say), so `bytes` is a lower bound. */
  readonly partial: boolean;
}

export function totalsOf(entries: Iterable<PaneEntry>): EntryTotals {
  let files = 0;
  let directories = 0;
  let bytes = 0;
  let partial = false;
  for (const entry of entries) {
    if (entry.kind === 'directory') {
      directories += 1;
      continue;
    }
    files += 1;
    if (entry.size === null) partial = true;
    else bytes += entry.size;
  }
  return { files, directories, bytes, partial };
}

function countsText(totals: EntryTotals): string {
  const parts: string[] = [];
  if (totals.files > 0) parts.push(plural(totals.files, 'file', 'files'));
  if (totals.directories > 0) parts.push(plural(totals.directories, 'directory', 'directories'));
  return parts.join(' and ');
}

/**
 * The footer under a list, worded like FileZilla's: "4 files and 10 directories. Total
 * size: 1,162 bytes". A selection is described instead when there is one; a folder's size
 * is not known without walking it, so a selection with folders says "at least".
 */
export function footerText(all: EntryTotals, selected: EntryTotals | null): string {
  if (selected !== null && selected.files + selected.directories > 0) {
    const counts = `Selected ${countsText(selected)}.`;
    if (selected.files === 0) return counts;
    const atLeast = selected.partial || selected.directories > 0 ? 'at least ' : '';
    return `${counts} Total size: ${atLeast}${formatByteCount(selected.bytes)}`;
  }
  if (all.files + all.directories === 0) return 'Empty directory.';
  const counts = `${countsText(all)}.`;
  if (all.files === 0) return counts;
  return `${counts} Total size: ${all.partial ? 'at least ' : ''}${formatByteCount(all.bytes)}`;
}

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** A compact size for the queue ("512 B", "1.5 MiB"). */
export function formatBytesShort(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024) return `${integer.format(bytes)} B`;
  let value = bytes;
  let unit: string = 'B';
  for (const next of UNITS) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${oneDecimal.format(value)} ${unit}`;
}

export function formatSpeed(bytesPerSecond: number | null): string {
  return bytesPerSecond === null ? '' : `${formatBytesShort(Math.round(bytesPerSecond))}/s`;
}

/** Time left as "0:05", "12:34" or "1:02:03"; '' when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
