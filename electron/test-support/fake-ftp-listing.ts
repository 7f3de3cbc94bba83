// Directory listing formats the fake server can produce. They imitate real servers closely
// enough to exercise the engine's parsers: vsftpd-style `ls -l`, IIS-style DOS lines and
// RFC 3659 MLSD facts.
import type { TreeEntry } from './fake-ftp-tree.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SIX_MONTHS_MS = 182 * 24 * 60 * 60 * 1000;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function permissions(entry: TreeEntry): string {
  const bits = ['r', 'w', 'x'];
  let text = entry.kind === 'dir' ? 'd' : '-';
  for (let shift = 8; shift >= 0; shift--) {
    text += (entry.mode >> shift) & 1 ? bits[(8 - shift) % 3] : '-';
  }
  return text;
}

// `ls -l` shows the time of day for entries from the last six months and the year for older
// ones; parsers must handle both, so the fake server does the same.
function unixDate(time: Date, now: Date): string {
  const month = MONTHS[time.getUTCMonth()] ?? '???';
  const day = String(time.getUTCDate()).padStart(2, ' ');
  const age = now.getTime() - time.getTime();
  const recent = age >= 0 && age < SIX_MONTHS_MS;
  const tail = recent
    ? `${pad2(time.getUTCHours())}:${pad2(time.getUTCMinutes())}`
    : ` ${time.getUTCFullYear()}`;
  return `${month} ${day} ${tail}`;
}

export function unixLine(entry: TreeEntry, now: Date = new Date()): string {
  const links = entry.kind === 'dir' ? 2 : 1;
  return [
    permissions(entry),
    String(links).padStart(4, ' '),
    'ftp     ',
    'ftp     ',
    String(entry.size).padStart(12, ' '),
    unixDate(entry.modified, now),
    entry.name,
  ].join(' ');
}

// IIS: "01-15-24  10:30AM       <DIR>          pub"
export function dosLine(entry: TreeEntry): string {
  const t = entry.modified;
  const date = `${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}-${pad2(t.getUTCFullYear() % 100)}`;
  const hours = t.getUTCHours() % 12 === 0 ? 12 : t.getUTCHours() % 12;
  const time = `${pad2(hours)}:${pad2(t.getUTCMinutes())}${t.getUTCHours() < 12 ? 'AM' : 'PM'}`;
  const sizeColumn =
    entry.kind === 'dir' ? '      <DIR>         ' : String(entry.size).padStart(20, ' ');
  return `${date}  ${time} ${sizeColumn} ${entry.name}`;
}

/** RFC 3659 time-val, UTC: YYYYMMDDHHMMSS. */
export function ftpTimestamp(time: Date): string {
  return (
    String(time.getUTCFullYear()).padStart(4, '0') +
    pad2(time.getUTCMonth() + 1) +
    pad2(time.getUTCDate()) +
    pad2(time.getUTCHours()) +
    pad2(time.getUTCMinutes()) +
    pad2(time.getUTCSeconds())
  );
}

/** Parses an RFC 3659 time-val (fractional seconds allowed and ignored). */
export function parseFtpTimestamp(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?$/.exec(text);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

export type MlsdType = 'file' | 'dir' | 'cdir' | 'pdir';

export function mlsdFacts(entry: TreeEntry, type: MlsdType = entry.kind): string {
  return `type=${type};size=${entry.size};modify=${ftpTimestamp(entry.modified)};`;
}

// ProFTPD-style MLSD output includes the directory itself (cdir) and its parent (pdir):
// a client that does not filter them shows "." and ".." as entries.
export function mlsdLines(self: TreeEntry, children: readonly TreeEntry[]): string[] {
  return [
    `${mlsdFacts(self, 'cdir')} .`,
    `${mlsdFacts(self, 'pdir')} ..`,
    ...children.map((entry) => `${mlsdFacts(entry)} ${entry.name}`),
  ];
}
