// MLSD lines (RFC 3659 §7): `fact=value;fact=value; name`. Real examples:
//
//   ProFTPD:   modify=20261124110559;perm=adfr;size=2;type=file;unique=FE00U20C1D8;
//              UNIX.group=0;UNIX.groupname=nogroup;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; a.txt
//   Pure-FTPd: type=dir;sizd=4096;modify=20261124110559;UNIX.mode=0755;unique=fe00g20c1d4; Folder
//   Pure-FTPd: type=OS.unix=slink:file with  spaces.txt;size=21;...;unique=fe00g20c1da; link
//
// Fact names are case-insensitive (§7.1); times are UTC, with optional fractional seconds
// (§2.3). vsftpd has no MLSD at all.
import type { RemoteEntry, RemoteEntryKind } from '../../../shared/models/remote-entry.js';
import { daysInMonth, utcTime } from './dates.js';
import { isDigits, readDigits, readNumber } from './scan.js';
import type { ListingParser } from './types.js';

// Slots for the facts RemoteEntry needs. Values are kept as offsets into the line and only
// sliced when used: ProFTPD sends ten facts per line, and 100,000-line listings happen.
const TYPE = 0;
const SIZE = 1;
const SIZD = 2;
const MODIFY = 3;
const MODE = 4;
const OWNER_ID = 5;
const OWNER_NAME = 6;
const GROUP_ID = 7;
const GROUP_NAME = 8;
const SLOTS = 9;

interface KnownFact {
  /** Lower case; matched ignoring case (RFC 3659 §7.1). */
  readonly name: string;
  readonly firstChar: number;
  readonly slot: number;
}

const KNOWN_FACTS: readonly KnownFact[] = (
  [
    ['type', TYPE],
    ['size', SIZE],
    ['sizd', SIZD], // Pure-FTPd: the size of a directory itself (§7.5.7)
    ['modify', MODIFY],
    ['unix.mode', MODE],
    ['unix.owner', OWNER_ID], // ProFTPD
    ['unix.uid', OWNER_ID], // Pure-FTPd
    ['unix.ownername', OWNER_NAME], // ProFTPD sends names next to ids: names are preferred
    ['unix.group', GROUP_ID],
    ['unix.gid', GROUP_ID],
    ['unix.groupname', GROUP_NAME],
  ] as const
).map(([name, slot]) => ({ name, firstChar: name.charCodeAt(0), slot }));

/** KNOWN_FACTS by the char code of their first letter. */
const FACTS_BY_FIRST_CHAR: readonly (readonly KnownFact[] | undefined)[] = KNOWN_FACTS.reduce<
  KnownFact[][]
>((byFirst, fact) => {
  (byFirst[fact.firstChar] ??= []).push(fact);
  return byFirst;
}, []);

// Scratch space reused across calls (nothing survives a call, so the parser stays pure).
const valueStart = new Int32Array(SLOTS);
const valueEnd = new Int32Array(SLOTS);

/** Whether `line` has `lower` (lower-case ASCII) at `pos`, ignoring ASCII case. */
function matchesAt(line: string, pos: number, lower: string, from = 0): boolean {
  for (let i = from; i < lower.length; i++) {
    const c = line.charCodeAt(pos + i);
    const e = lower.charCodeAt(i);
    if (c !== e && !(e >= 0x61 && e <= 0x7a && c === e - 0x20)) return false;
  }
  return true;
}

/**
 * Where the name starts; the facts end one character before. The RFC forbids spaces in
 * fact values, but Pure-FTPd writes a symlink's target verbatim (`type=OS.unix=slink:a b;`),
 * so the separator is the first "; " (the last fact's terminator and the single space), not
 * the first space. Facts without the final ';' (not RFC 3659 conformant) fall back to the
 * first space. A line starting with a space has no facts (§7.2 allows that).
 * -1 when there is no separator.
 */
function nameStartOf(line: string): number {
  if (line.startsWith(' ')) return 1;
  const sep = line.indexOf('; ');
  if (sep >= 0) return sep + 2;
  const space = line.indexOf(' ');
  return space > 0 ? space + 1 : -1;
}

/** Records the known facts of `line[0, end)` in the slots; false if not `name=value;`s. */
function readFacts(line: string, end: number): boolean {
  valueStart.fill(-1);
  let pos = 0;
  while (pos < end) {
    // indexOf, not a charCodeAt loop: it is native and several times faster per character.
    let factEnd = line.indexOf(';', pos);
    if (factEnd < 0 || factEnd > end) factEnd = end;
    if (!readKnownFact(line, pos, factEnd)) {
      // Unknown facts (perm, unique, lang...) are skipped, but must still be `name=value`.
      const eq = line.indexOf('=', pos);
      if (eq <= pos || eq >= factEnd) return false;
    }
    pos = factEnd + 1;
  }
  return true;
}

/**
 * Fills a slot if `line[pos, factEnd)` is one of KNOWN_FACTS. Checking for the '=' right
 * after each candidate name first rejects most candidates with one char read.
 */
function readKnownFact(line: string, pos: number, factEnd: number): boolean {
  const candidates = FACTS_BY_FIRST_CHAR[line.charCodeAt(pos) | 0x20]; // A-Z to a-z
  if (candidates === undefined) return false;
  for (const fact of candidates) {
    const eq = pos + fact.name.length;
    if (
      eq < factEnd &&
      line.charCodeAt(eq) === 0x3d /* = */ &&
      matchesAt(line, pos, fact.name, 1)
    ) {
      valueStart[fact.slot] = eq + 1;
      valueEnd[fact.slot] = factEnd;
      return true;
    }
  }
  return false;
}

/** The value of a fact slot, or undefined when the line did not have the fact. */
function valueOf(line: string, slot: number): string | undefined {
  const start = valueStart[slot] ?? -1;
  return start < 0 ? undefined : line.slice(start, valueEnd[slot]);
}

/** `YYYYMMDDHHMMSS[.sss]` (RFC 3659 §2.3) at `line[start, end)`, always UTC, to ms. */
function parseModify(line: string, start: number, end: number): number | null {
  if (end - start < 14) return null;
  const year = readDigits(line, start, 4);
  const month = readDigits(line, start + 4, 2) - 1;
  const day = readDigits(line, start + 6, 2);
  const hour = readDigits(line, start + 8, 2);
  const minute = readDigits(line, start + 10, 2);
  const second = readDigits(line, start + 12, 2);
  if (year < 0 || month < 0 || month > 11 || day < 1 || day > daysInMonth(year, month)) {
    return null;
  }
  // RFC 3659 allows a leap second (60).
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return null;
  }
  let ms = 0;
  const fraction = start + 15;
  if (end > start + 14) {
    if (line.charCodeAt(start + 14) !== 0x2e || !isDigits(line, fraction, end)) return null;
    // Keep milliseconds: ".5" is 500 ms, ".123456" is 123 ms.
    const digits = Math.min(3, end - fraction);
    ms = readDigits(line, fraction, digits) * 10 ** (3 - digits);
  }
  return utcTime(year, month, day, hour, minute, second, ms);
}

const SLINK = 'os.unix=slink';

/** Whether the `type` fact's value is `lower`, ignoring case. */
function typeIs(line: string, lower: string): boolean {
  const start = valueStart[TYPE] ?? -1;
  return (valueEnd[TYPE] ?? 0) - start === lower.length && matchesAt(line, start, lower);
}

/** The entry kind for the `type` fact, or 'skip' for `cdir`/`pdir`. */
function readKind(line: string): RemoteEntryKind | 'skip' {
  const start = valueStart[TYPE] ?? -1;
  if (start < 0) return 'other';
  if (typeIs(line, 'file')) return 'file';
  if (typeIs(line, 'dir')) return 'directory';
  if (typeIs(line, 'cdir') || typeIs(line, 'pdir')) return 'skip';
  // ProFTPD: `OS.unix=symlink` (no target); Pure-FTPd: `OS.unix=slink:target`.
  if (typeIs(line, 'os.unix=symlink') || typeIs(line, SLINK) || isSlinkWithTarget(line)) {
    return 'symlink';
  }
  // Pure-FTPd sends `type=unknown` for devices, FIFOs and sockets; others OS.unix=chr-... etc.
  return 'other';
}

function isSlinkWithTarget(line: string): boolean {
  const start = valueStart[TYPE] ?? -1;
  return (
    (valueEnd[TYPE] ?? 0) - start > SLINK.length + 1 &&
    matchesAt(line, start, SLINK) &&
    line.charCodeAt(start + SLINK.length) === 0x3a /* : */
  );
}

/** `UNIX.mode`: up to six octal digits ("0644"; "100644" would include the file type). */
function isOctal(line: string, start: number, end: number): boolean {
  if (end <= start || end - start > 6) return false;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x30 || c > 0x37) return false;
  }
  return true;
}

function parseLine(line: string, _now: Date): RemoteEntry | undefined {
  const nameStart = nameStartOf(line);
  if (nameStart < 0 || nameStart >= line.length) return undefined;
  if (!readFacts(line, nameStart - 1)) return undefined;
  const kind = readKind(line);
  if (kind === 'skip') return undefined;

  let size: number | null = null;
  const sizeSlot = (valueStart[SIZE] ?? -1) >= 0 ? SIZE : SIZD;
  const sizeStart = valueStart[sizeSlot] ?? -1;
  const sizeEnd = valueEnd[sizeSlot] ?? 0;
  if (sizeStart >= 0 && isDigits(line, sizeStart, sizeEnd)) {
    size = readNumber(line, sizeStart, sizeEnd);
  }
  const modifyStart = valueStart[MODIFY] ?? -1;
  const modeStart = valueStart[MODE] ?? -1;
  const modeEnd = valueEnd[MODE] ?? 0;
  return {
    name: line.slice(nameStart),
    kind,
    size,
    modified: modifyStart < 0 ? null : parseModify(line, modifyStart, valueEnd[MODIFY] ?? 0),
    permissions:
      modeStart >= 0 && isOctal(line, modeStart, modeEnd) ? line.slice(modeStart, modeEnd) : null,
    // `||`: an empty name falls back to the id.
    owner: valueOf(line, OWNER_NAME) || valueOf(line, OWNER_ID) || null,
    group: valueOf(line, GROUP_NAME) || valueOf(line, GROUP_ID) || null,
    linkTarget: isSlinkWithTarget(line)
      ? line.slice((valueStart[TYPE] ?? 0) + SLINK.length + 1, valueEnd[TYPE])
      : null,
  };
}

/** True for the `type=cdir` (this directory) and `type=pdir` (its parent) lines. */
function isNoise(line: string): boolean {
  const nameStart = nameStartOf(line);
  return nameStart > 0 && readFacts(line, nameStart - 1) && readKind(line) === 'skip';
}

export const mlsdParser: ListingParser = {
  name: 'mlsd',
  // A first fact shaped like `name=`; RFC 3659 fact names are letters, digits, '.', '-'.
  testLine: (line) => /^[A-Za-z][\w.-]*=/.test(line),
  parseLine,
  isNoise,
};
