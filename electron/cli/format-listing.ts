import type { RemoteEntry } from '../../shared/models/remote-entry.js';
import { escapeControlCharacters } from '../ftp/log.js';

/** One line per entry, `ls -l`-like and stable for scripts: type, size, date, name. */
export function formatListing(entries: readonly RemoteEntry[]): string {
  return entries
    .map((entry) => {
      const type =
        entry.kind === 'directory'
          ? 'd'
          : entry.kind === 'symlink'
            ? 'l'
            : entry.kind === 'file'
              ? '-'
              : '?';
      const size = entry.size === null ? '-' : String(entry.size);
      const date =
        entry.modified === null
          ? '-'
          : new Date(entry.modified).toISOString().slice(0, 16).replace('T', ' ');
      const target = entry.linkTarget === null ? '' : ` -> ${entry.linkTarget}`;
      return `${type} ${size.padStart(12)} ${date.padEnd(16)} ${escapeControlCharacters(entry.name)}${escapeControlCharacters(target)}\n`;
    })
    .join('');
}
