// `ls -l` style LIST output, as sent by vsftpd, ProFTPD, Pure-FTPd and most Unix servers:
//
//   drwxr-xr-x    2 1000     1000         4096 Nov 24 10:00 dir        (vsftpd: numeric ids)
//   lrwxrwxrwx   1 root     root           21 Nov 24 11:05 link -> target   (ProFTPD)
//   crw-r--r-- 1 root root  10, 235 Nov 22 05:52 autofs           (GNU ls: major, minor)
//   -rw-r--r--    1 999        995                 0 Mar  5  2019 old.bin   (Pure-FTPd)
//
// Column widths differ per server, and names may hold any run of spaces, so the line is
// scanned token by token (no backtracking regex) until the three date tokens are found;
// the name is everything after the single space that follows them.
import type { RemoteEntry, RemoteEntryKind } from '../../../shared/models/remote-entry.js';
import { daysInMonth, inferYearTime, monthAt, utcTime } from './dates.js';
import { isDigits, readDigits, readNumber } from './scan.js';
import type { ListingParser } from './types.js';

/** Permissions, up to 3 of links/owner/group, size (2 tokens for a device), 3 date tokens. */
const MAX_TOKENS = 10;
// Scratch space for token bounds, reused across calls: the parser stays pure (nothing
// survives a call) and 100,000-line listings allocate no per-line arrays.
const starts = new Int32Array(MAX_TOKENS);
const ends = new Int32Array(MAX_TOKENS);

const COMMA = 0x2c;

/** A 128-entry table: 1 for the ASCII chars in `chars`. */
function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}
/** `-` file, `d` dir, `l` link, `c`/`b` devices, `p` FIFO, `s` socket, `D` Solaris door. */
const TYPE_CHARS = charTable('-dlcbpsD');
/** `s`/`S`/`t`/`T` are setuid/setgid/sticky; Solaris prints `l` (or `L`) for mandatory locking. */
const MODE_CHARS = charTable('rwxsStTlL-');
/** After the mode: `+` ACL (GNU, BSD), `@` extended attributes (macOS), `.` SELinux context. */
const MODE_MARKERS = charTable('+@.');

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function testLine(line: string): boolean {
  if (line.length < 12 || TYPE_CHARS[line.charCodeAt(0)] !== 1) return false;
  for (let i = 1; i < 10; i++) {
    if (MODE_CHARS[line.charCodeAt(i)] !== 1) return false;
  }
  const after = line.charCodeAt(10);
  return isBlank(after) || (MODE_MARKERS[after] === 1 && isBlank(line.charCodeAt(11)));
}

function kindOf(typeChar: string): RemoteEntryKind {
  switch (typeChar) {
    case '-':
      return 'file';
    case 'd':
      return 'directory';
    case 'l':
      return 'symlink';
    default:
      return 'other';
  }
}

/** The time (ms, UTC) of the date whose month is token `m`, or undefined if it is no date. */
function dateAt(line: string, m: number, now: Date): number | undefined {
  const ms = starts[m] ?? 0;
  if ((ends[m] ?? 0) - ms !== 3) return undefined;
  const month = monthAt(line, ms);
  if (month < 0) return undefined;

  // vsftpd zero-pads the day ("Mar 05  2019"), ls pads with a space ("Mar  5  2019").
  const ds = starts[m + 1] ?? 0;
  const dayLength = (ends[m + 1] ?? 0) - ds;
  const day = dayLength === 1 || dayLength === 2 ? readDigits(line, ds, dayLength) : -1;
  if (day < 1 || day > 31) return undefined;

  const ts = starts[m + 2] ?? 0;
  const te = ends[m + 2] ?? 0;
  if (te - ts === 4 && isDigits(line, ts, te)) {
    const year = readDigits(line, ts, 4);
    if (year < 1000 || day > daysInMonth(year, month)) return undefined;
    return utcTime(year, month, day);
  }
  // "HH:MM", or "H:MM" from some minimal servers.
  const colon = te - 3;
  if (line.charCodeAt(colon) !== 0x3a || colon - ts < 1 || colon - ts > 2) return undefined;
  const hour = readDigits(line, ts, colon - ts);
  const minute = readDigits(line, colon + 1, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  return inferYearTime(month, day, hour, minute, now);
}

function parseLine(line: string, now: Date): RemoteEntry | undefined {
  if (!testLine(line)) return undefined;
  const end = line.length;
  let pos = 0;
  for (let count = 0; count < MAX_TOKENS;) {
    while (pos < end && isBlank(line.charCodeAt(pos))) pos++;
    if (pos >= end) return undefined;
    starts[count] = pos;
    while (pos < end && !isBlank(line.charCodeAt(pos))) pos++;
    ends[count] = pos;
    count++;
    // The first possible layout is "perms size Mon DD HH:MM": the month is token 2 or later.
    if (count < 5) continue;
    const monthToken = count - 3;
    const modified = dateAt(line, monthToken, now);
    if (modified === undefined) continue;
    // The name follows a single separator: further blanks belong to the name.
    if (pos + 1 >= end) return undefined;
    return buildEntry(line, monthToken, modified, pos + 1);
  }
  return undefined;
}

/** The entry for a line whose date starts at token `monthToken`; the size is just before. */
function buildEntry(
  line: string,
  monthToken: number,
  modified: number,
  nameStart: number,
): RemoteEntry | undefined {
  const typeChar = line.charAt(0);
  const isDevice = typeChar === 'c' || typeChar === 'b';
  const s = monthToken - 1;
  const ss = starts[s] ?? 0;
  const se = ends[s] ?? 0;
  let size: number | null = null;
  let metaEnd = s; // tokens 1 .. metaEnd-1 are links, owner, group
  if (isDevice) {
    // GNU ls prints "major, minor" (one or two tokens: "1, 3" or "10,235") where the size
    // goes; ProFTPD and vsftpd print 0 instead. Neither is a size, so size stays null.
    const prevEnd = ends[s - 1] ?? 0;
    if (s >= 2 && isDigits(line, ss, se) && line.charCodeAt(prevEnd - 1) === COMMA) {
      if (!isDigits(line, starts[s - 1] ?? 0, prevEnd - 1)) return undefined;
      metaEnd = s - 1;
    } else {
      const comma = line.indexOf(',', ss);
      const ok =
        comma >= 0 && comma < se
          ? isDigits(line, ss, comma) && isDigits(line, comma + 1, se)
          : isDigits(line, ss, se);
      if (!ok) return undefined;
    }
  } else {
    if (!isDigits(line, ss, se)) return undefined;
    size = readNumber(line, ss, se);
  }

  const meta = metaEnd - 1;
  if (meta > 3) return undefined; // an extra column we do not know (e.g. `ls --author`)
  const token = (i: number): string => line.slice(starts[i] ?? 0, ends[i] ?? 0);
  let owner: string | null = null;
  let group: string | null = null;
  if (meta === 3) {
    owner = token(2);
    group = token(3);
  } else if (meta === 2) {
    // `ls -o` and some servers omit the group ("1 owner 1234 ..."); others the link count
    // ("owner group 1234 ..."). A leading number is the link count: owners rarely are.
    if (isDigits(line, starts[1] ?? 0, ends[1] ?? 0)) {
      owner = token(2);
    } else {
      owner = token(1);
      group = token(2);
    }
  } else if (meta === 1 && !isDigits(line, starts[1] ?? 0, ends[1] ?? 0)) {
    owner = token(1);
  }

  const kind = kindOf(typeChar);
  let name = line.slice(nameStart);
  let linkTarget: string | null = null;
  if (kind === 'symlink') {
    // A name that itself contains " -> " is ambiguous; `ls` has the same problem.
    const arrow = name.indexOf(' -> ');
    if (arrow >= 0) {
      linkTarget = name.slice(arrow + 4);
      name = name.slice(0, arrow);
    }
  }
  if (name === '') return undefined;
  return {
    name,
    kind,
    size,
    modified,
    permissions: line.slice(1, 10),
    owner,
    group,
    linkTarget,
  };
}

const TOTAL_LINE = /^total\s+\d+(?:[.,]\d+)?[KMGTP]?$/i;

export const unixParser: ListingParser = {
  name: 'unix',
  testLine,
  parseLine,
  // GNU ls and many servers start with "total N" (blocks used; "total 1.2M" with -h).
  isNoise: (line) => TOTAL_LINE.test(line),
};
