import { describe, expect, it } from 'vitest';
import { unixParser } from './unix.js';

// Server lines were captured from vsftpd 3.0.3, ProFTPD 1.3.8 and Pure-FTPd 1.0.50 (Debian 12
// packages) serving one folder, and GNU ls 9.1 lines from /dev and `ls -o` on the same
// machine, on 2026-11-24 around 11:06 UTC. Lines marked "constructed" vary a real layout
// to reach a case (a marker, a date) the capture did not have.
const NOW = new Date(Date.UTC(2026, 10, 24, 11, 8));
const at = (y: number, mo: number, d: number, h = 0, mi = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi);
const parse = (line: string, now = NOW) => unixParser.parseLine(line, now);

describe('unixParser: real server output', () => {
  it('reads a vsftpd directory with numeric owner and group', () => {
    expect(parse('drwxr-xr-x    2 0        0            4096 Nov 24 11:05 Folder name')).toEqual({
      name: 'Folder name',
      kind: 'directory',
      size: 4096,
      modified: at(2026, 11, 24, 11, 5),
      permissions: 'rwxr-xr-x',
      owner: '0',
      group: '0',
      linkTarget: null,
    });
  });

  it('reads a ProFTPD file with owner and group names', () => {
    expect(parse('-rw-r--r--   1 ftp      ftp             0 Mar  5  2019 old.bin')).toEqual({
      name: 'old.bin',
      kind: 'file',
      size: 0,
      modified: at(2019, 3, 5),
      permissions: 'rw-r--r--',
      owner: 'ftp',
      group: 'ftp',
      linkTarget: null,
    });
  });

  it("reads Pure-FTPd's wider columns", () => {
    const entry = parse('-rw-r--r--    1 999        995                 0 Mar  5  2019 old.bin');
    expect(entry).toMatchObject({ name: 'old.bin', size: 0, owner: '999', group: '995' });
    expect(entry?.modified).toBe(at(2019, 3, 5));
  });

  it("reads vsftpd's zero-padded day in the year form", () => {
    const entry = parse('-rw-r--r--    1 999      995             0 Mar 05  2019 old.bin');
    expect(entry?.modified).toBe(at(2019, 3, 5));
    expect(entry?.name).toBe('old.bin');
  });

  it('splits a symlink into name and target, keeping spaces in both', () => {
    expect(
      parse('lrwxrwxrwx   1 root     root           21 Nov 24 11:05 link -> file with  spaces.txt'),
    ).toEqual({
      name: 'link',
      kind: 'symlink',
      size: 21,
      modified: at(2026, 11, 24, 11, 5),
      permissions: 'rwxrwxrwx',
      owner: 'root',
      group: 'root',
      linkTarget: 'file with  spaces.txt',
    });
  });

  it('keeps a leading space and inner double spaces in names', () => {
    expect(
      parse('-rw-r--r--    1 0        0               2 Nov 24 11:05  leading.txt')?.name,
    ).toBe(' leading.txt');
    expect(
      parse('-rw-r--r--   1 root     root            3 Nov 24 11:05 file with  spaces.txt')?.name,
    ).toBe('file with  spaces.txt');
  });

  it('reads names with a leading dash, unicode, wildcards and semicolons literally', () => {
    const names = [
      '-rw-r--r--    1 0          0                   2 Nov 24 11:05 -dash.txt',
      '-rw-r--r--    1 0          0                   2 Nov 24 11:05 ünïcödé ✓.txt',
      '-rw-r--r--    1 0          0                   2 Nov 24 11:05 star*?.txt',
      '-rw-r--r--    1 0          0                   2 Nov 24 11:06 semi;colon name',
    ].map((line) => parse(line)?.name);
    expect(names).toEqual(['-dash.txt', 'ünïcödé ✓.txt', 'star*?.txt', 'semi;colon name']);
  });

  it('reads device files: GNU ls "major, minor", ProFTPD and vsftpd print 0', () => {
    const gnu = parse('crw-r--r-- 1 root root  10, 235 Nov 22 05:52 autofs');
    expect(gnu).toEqual({
      name: 'autofs',
      kind: 'other',
      size: null,
      modified: at(2026, 11, 22, 5, 52),
      permissions: 'rw-r--r--',
      owner: 'root',
      group: 'root',
      linkTarget: null,
    });
    expect(parse('crw-rw-rw- 1 root root   1,   7 Nov 22 05:52 full')).toMatchObject({
      name: 'full',
      owner: 'root',
      group: 'root',
      size: null,
    });
    expect(parse('brw------- 1 0 0 7, 0 Nov 22 05:52 loop0')).toMatchObject({
      name: 'loop0',
      kind: 'other',
      owner: '0',
      group: '0',
    });
    expect(parse('crw-r--r-- 1 root root 1,3 Jan 1 2020 null')).toMatchObject({
      name: 'null',
      size: null,
      modified: at(2020, 1, 1),
    });
    expect(parse('crw-r--r--   1 root     root            0 Nov 24 11:06 null')).toMatchObject({
      name: 'null',
      kind: 'other',
      size: null,
      owner: 'root',
    });
  });

  it('accepts the ACL (+), macOS extended attribute (@) and SELinux (.) markers', () => {
    // Constructed: GNU ls and macOS ls print the marker right after the mode.
    for (const marker of ['+', '@', '.']) {
      const entry = parse(`-rw-rw-r--${marker} 1 alice staff 1234 Nov 24 11:05 marked.txt`);
      expect(entry).toMatchObject({ name: 'marked.txt', permissions: 'rw-rw-r--', size: 1234 });
    }
  });

  it('reads `ls -o` output, which has no group column (GNU ls 9.1)', () => {
    expect(parse('-rw-r--r-- 1 root    3 Nov 24 11:05 file with  spaces.txt')).toMatchObject({
      name: 'file with  spaces.txt',
      size: 3,
      owner: 'root',
      group: null,
    });
    expect(parse('crw-r--r-- 1 root 1, 3 Nov 24 11:06 null')).toMatchObject({
      name: 'null',
      owner: 'root',
      group: null,
      size: null,
    });
  });

  it('reads setuid, sticky and FIFO modes', () => {
    // Constructed in GNU ls layout.
    expect(parse('-rwsr-xr-x 1 root root 55672 Feb  2  2024 su')?.permissions).toBe('rwsr-xr-x');
    expect(parse('drwxrwxrwt 11 root root 4096 Nov 24 11:05 tmp')).toMatchObject({
      kind: 'directory',
      permissions: 'rwxrwxrwt',
    });
    expect(parse('prw-r--r-- 1 root root 0 Nov 24 11:05 fifo')?.kind).toBe('other');
  });

  it('matches month names in any case', () => {
    // Constructed.
    expect(parse('-rw-r--r-- 1 ftp ftp 1 NOV 24 11:05 a')?.modified).toBe(at(2026, 11, 24, 11, 5));
  });
});

describe('unixParser: year of "Mon DD HH:MM" dates (constructed)', () => {
  const line = (date: string) => `-rw-r--r-- 1 ftp ftp 1 ${date} f`;

  it('uses the current year for a date just past', () => {
    expect(parse(line('Nov 24 11:05'))?.modified).toBe(at(2026, 11, 24, 11, 5));
  });

  it('puts December in last year when it is early January', () => {
    const now = new Date(Date.UTC(2025, 0, 2, 10, 0));
    expect(parse(line('Dec 31 23:59'), now)?.modified).toBe(at(2024, 12, 31, 23, 59));
  });

  it('allows up to a day in the future for clock and zone skew', () => {
    const now = new Date(Date.UTC(2025, 0, 2, 10, 0));
    expect(parse(line('Jan  2 12:00'), now)?.modified).toBe(at(2025, 1, 2, 12, 0));
    expect(parse(line('Jan  4 12:00'), now)?.modified).toBe(at(2024, 1, 4, 12, 0));
  });

  it("takes next January when the server's clock is already in the new year", () => {
    const now = new Date(Date.UTC(2024, 11, 31, 23, 30));
    expect(parse(line('Jan  1 00:10'), now)?.modified).toBe(at(2025, 1, 1, 0, 10));
  });

  it('puts Feb 29 in the latest leap year', () => {
    const now = new Date(Date.UTC(2025, 2, 1, 0, 0));
    expect(parse(line('Feb 29 12:00'), now)?.modified).toBe(at(2024, 2, 29, 12, 0));
  });
});

describe('unixParser: lines it refuses', () => {
  it.each([
    ['a word', 'garbage'],
    ['no time or year', 'drwxr-xr-x 2 ftp ftp 4096 Nov 24 dir'],
    ['a size that is not a number', '-rw-r--r-- 1 ftp ftp 12k Nov 24 11:05 f'],
    ['an impossible date', '-rw-r--r-- 1 ftp ftp 1 Feb 30  2020 f'],
    ['an impossible time', '-rw-r--r-- 1 ftp ftp 1 Nov 24 25:05 f'],
    ['no name', '-rw-r--r-- 1 ftp ftp 1 Nov 24 11:05'],
    ['a bad mode', '-rw-r--r-Q 1 ftp ftp 1 Nov 24 11:05 f'],
    ['an unknown extra column', '-rw-r--r-- 1 ftp ftp ftp extra 1 Nov 24 11:05 f'],
    ['a DOS line', '02-27-24  03:04PM       <DIR>          Folder name'],
  ])('refuses %s', (_why, line) => {
    expect(unixParser.parseLine(line, NOW)).toBeUndefined();
  });

  it('tells `total N` apart as noise, not as an entry', () => {
    expect(unixParser.isNoise('total 28')).toBe(true);
    expect(unixParser.isNoise('total 1.2M')).toBe(true);
    expect(unixParser.isNoise('totally 28')).toBe(false);
    expect(unixParser.parseLine('total 28', NOW)).toBeUndefined();
  });

  it('recognises its format in testLine', () => {
    expect(unixParser.testLine('drwxr-xr-x    2 0 0 4096 Nov 24 11:05 d')).toBe(true);
    expect(unixParser.testLine('-rw-r--r--+ 1 a b 1 Nov 24 11:05 f')).toBe(true);
    expect(unixParser.testLine('02-27-24  03:04PM  <DIR>  d')).toBe(false);
    expect(unixParser.testLine('type=file;size=1; f')).toBe(false);
  });
});
