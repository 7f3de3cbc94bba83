import type { RemoteEntry } from '../../../shared/models/remote-entry.js';
import { dosParser } from './dos.js';
import { mlsdParser } from './mlsd.js';
import { isSafeEntryName } from './safe-name.js';
import type { ListingOptions, ListingParser, ListingResult } from './types.js';
import { unixParser } from './unix.js';

/** How many meaningful lines of a LIST reply are looked at to choose between Unix and DOS. */
const SNIFF_LINES = 10;

/**
 * Parses the text of an MLSD or LIST data transfer. Never throws: lines no parser can read
 * are returned in `unparsed`, and names that are not one plain path component (see
 * `isSafeEntryName`) are returned in `dropped` instead of `entries`.
 */
export function parseListing(text: string, options: ListingOptions): ListingResult {
  const now = options.now ?? new Date();
  const parser = options.format === 'mlsd' ? mlsdParser : chooseListParser(text);
  const entries: RemoteEntry[] = [];
  const unparsed: string[] = [];
  const dropped: string[] = [];

  forEachLine(text, (start, end) => {
    if (isBlank(text, start, end)) return true;
    const line = text.slice(start, end);
    const entry = parser?.parseLine(line, now);
    if (entry === undefined) {
      // `total N` is noise whatever the parser: a DOS-looking reply may still carry one.
      if (!(parser?.isNoise(line) ?? false) && !unixParser.isNoise(line)) unparsed.push(line);
    } else if (isSafeEntryName(entry.name)) {
      entries.push(entry);
    } else {
      dropped.push(entry.name);
    }
    return true;
  });
  return { entries, unparsed, dropped, parser: parser?.name ?? 'none' };
}

/**
 * Calls `visit` with the bounds of each line, without its line end, until it returns false.
 * vsftpd, ProFTPD and Pure-FTPd end lines with CRLF as RFC 959 asks; a bare LF is accepted
 * too, as DESIGN.md requires of every reply we read.
 */
function forEachLine(text: string, visit: (start: number, end: number) => boolean): void {
  let start = 0;
  while (start < text.length) {
    let next = text.indexOf('\n', start);
    if (next < 0) next = text.length;
    const end = next > start && text.charCodeAt(next - 1) === 0x0d ? next - 1 : next;
    if (!visit(start, end)) return;
    start = next + 1;
  }
}

/**
 * LIST has no standard format (RFC 959 §4.1.3 leaves it to the server), so the first lines
 * decide: whichever of the Unix and DOS parsers recognises more of them wins, Unix on a
 * tie. Banner or error lines mixed in only lower both counts.
 */
function chooseListParser(text: string): ListingParser | undefined {
  const sample: string[] = [];
  forEachLine(text, (start, end) => {
    const line = text.slice(start, end);
    if (!isBlank(text, start, end) && !unixParser.isNoise(line)) sample.push(line);
    return sample.length < SNIFF_LINES;
  });
  const unix = sample.filter((line) => unixParser.testLine(line)).length;
  const dos = sample.filter((line) => dosParser.testLine(line)).length;
  if (unix === 0 && dos === 0) return undefined;
  return dos > unix ? dosParser : unixParser;
}

/** An empty line, or one of only blanks. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}
