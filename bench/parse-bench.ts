import { parseListing } from '../electron/ftp/listing/index.js';

export interface ParseResult {
  readonly format: 'unix LIST' | 'MLSD';
  readonly lines: number;
  readonly entries: number;
  /** Median over the rounds, after one warm-up parse. */
  readonly medianMs: number;
  readonly entriesPerSecond: number;
  readonly runsMs: readonly number[];
}

const NOW = new Date(Date.UTC(2026, 10, 24, 12, 0));
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Workload 5: the engine's listing parsers, in this process, on listings shaped like
 * vsftpd's `LIST` and ProFTPD's `MLSD` output (mixed files and folders, recent dates with a
 * time and older ones with a year, names with spaces).
 */
export function benchParsers(lines: number, rounds: number): ParseResult[] {
  return [
    run('unix LIST', unixListing(lines), 'list', lines, rounds),
    run('MLSD', mlsdListing(lines), 'mlsd', lines, rounds),
  ];
}

function run(
  format: ParseResult['format'],
  text: string,
  kind: 'list' | 'mlsd',
  lines: number,
  rounds: number,
): ParseResult {
  parseListing(text, { format: kind, now: NOW });
  const runsMs: number[] = [];
  let entries = 0;
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    entries = parseListing(text, { format: kind, now: NOW }).entries.length;
    runsMs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  if (entries !== lines) throw new Error(`${format}: parsed ${entries} of ${lines} entries`);
  const medianMs = median(runsMs);
  return {
    format,
    lines,
    entries,
    medianMs,
    entriesPerSecond: entries / (medianMs / 1000),
    runsMs,
  };
}

export function unixListing(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const folder = i % 7 === 0;
    const month = MONTHS[i % 12] ?? 'Jan';
    const day = String((i % 28) + 1).padStart(2, ' ');
    const when =
      i % 3 === 0
        ? ` 2019`
        : `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    const size = folder ? 4096 : (i * 7919) % 10_000_000;
    out.push(
      `${folder ? 'd' : '-'}rw-r--r--    1 1000     1000     ${String(size).padStart(10, ' ')} ${month} ${day} ${when.padStart(5, ' ')} ${folder ? 'folder' : 'file'} ${i}.bin`,
    );
  }
  return out.join('\r\n') + '\r\n';
}

export function mlsdListing(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const folder = i % 7 === 0;
    const modify = `20${String(10 + (i % 16))}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}120000`;
    out.push(
      folder
        ? `modify=${modify};perm=flcdmpe;type=dir;unique=803U${i};UNIX.group=1000;UNIX.mode=0755;UNIX.owner=1000; folder ${i}`
        : `modify=${modify};perm=adfrw;size=${(i * 7919) % 10_000_000};type=file;unique=803U${i};UNIX.group=1000;UNIX.mode=0644;UNIX.owner=1000; file ${i}.bin`,
    );
  }
  return out.join('\r\n') + '\r\n';
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
