import { describe, expect, it } from 'vitest';
import { parseListing } from './parse-listing.js';

// Whole replies captured byte for byte (CRLF line ends) from the Debian 12 packages of
// vsftpd 3.0.3 (`LIST -a`), ProFTPD 1.3.8 and Pure-FTPd 1.0.50 (`MLSD`), all serving the
// same folder on 2026-11-24 at about 11:06 UTC.
const NOW = new Date(Date.UTC(2026, 10, 24, 11, 8));
const crlf = (lines: readonly string[]): string => lines.map((line) => `${line}\r\n`).join('');

const VSFTPD_LIST_A = [
  '-rw-r--r--    1 0        0               2 Nov 24 11:05  leading.txt',
  '-rw-r--r--    1 0        0               2 Nov 24 11:05 -dash.txt',
  'drwxr-xr-x    3 0        0            4096 Nov 24 11:06 .',
  'drwxr-xr-x    3 0        0            4096 Nov 24 11:06 ..',
  'drwxr-xr-x    2 0        0            4096 Nov 24 11:05 Folder name',
  '-rw-r--r--    1 0        0               3 Nov 24 11:05 file with  spaces.txt',
  'lrwxrwxrwx    1 0        0              21 Nov 24 11:05 link -> file with  spaces.txt',
  'crw-r--r--    1 0        0               0 Nov 24 11:06 null',
  '-rw-r--r--    1 999      995             0 Mar 05  2019 old.bin',
  '-rw-r--r--    1 0        0               2 Nov 24 11:06 semi;colon name',
  '-rw-r--r--    1 0        0               2 Nov 24 11:05 star*?.txt',
  '-rw-r--r--    1 0        0               2 Nov 24 11:05 ünïcödé ✓.txt',
];

const PROFTPD_MLSD = [
  'modify=20261124110559;perm=adfr;size=2;type=file;unique=FE00U20C1D8;UNIX.group=0;UNIX.groupname=nogroup;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; ünïcödé ✓.txt',
  'modify=20261124110559;perm=fle;type=dir;unique=FE00U20C1D4;UNIX.group=0;UNIX.groupname=nogroup;UNIX.mode=0755;UNIX.owner=0;UNIX.ownername=ftp; Folder name',
  'modify=20261124110608;perm=fle;type=cdir;unique=FE00U20C1D3;UNIX.group=0;UNIX.groupname=nogroup;UNIX.mode=0755;UNIX.owner=0;UNIX.ownername=ftp; .',
  'modify=20261124110559;perm=adfr;size=2;type=file;unique=FE00U20C1D7;UNIX.group=0;UNIX.groupname=nogroup;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; -dash.txt',
  'modify=20261124110559;perm=adfr;size=3;type=file;unique=FE00U20C1D5;UNIX.group=0;UNIX.groupname=nogroup;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; file with  spaces.txt',
  'modify=20261124110559;perm=adfr;size=2;type=file;unique=FE00U20C1D9;UNIX.group=0;UNIX.groupname=nogroup;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; star*?.txt',
  'modify=20261124110559;perm=adfr;size=21;type=OS.unix=symlink;unique=FE00U20C1D5;UNIX.group=0;UNIX.groupname=nogroup;UNIX.mode=0777;UNIX.owner=0;UNIX.ownername=ftp; link',
  'modify=20261124110559;perm=adfr;size=2;type=file;unique=FE00U20C1D6;UNIX.group=0;UNIX.groupname=nogroup;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp;  leading.txt',
  'modify=20261124110608;perm=fle;type=pdir;unique=FE00U20C1D3;UNIX.group=0;UNIX.groupname=nogroup;UNIX.mode=0755;UNIX.owner=0;UNIX.ownername=ftp; ..',
  'modify=20261124110608;perm=adfr;size=2;type=file;unique=FE00U20C38B;UNIX.group=0;UNIX.groupname=nogroup;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; semi;colon name',
  'modify=20261124110608;perm=adfr;size=0;type=file;unique=FE00U20C38A;UNIX.group=0;UNIX.groupname=nogroup;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; null',
  'modify=20190305120000;perm=adfrw;size=0;type=file;unique=FE00U20C1DB;UNIX.group=995;UNIX.groupname=nogroup;UNIX.mode=0644;UNIX.owner=999;UNIX.ownername=ftp; old.bin',
];

const PURE_FTPD_MLSD = [
  'type=file;size=2;modify=20261124110559;UNIX.mode=0644;unique=fe00g20c1d8; ünïcödé ✓.txt',
  'type=dir;sizd=4096;modify=20261124110559;UNIX.mode=0755;unique=fe00g20c1d4; Folder name',
  'type=cdir;sizd=4096;modify=20261124110608;UNIX.mode=0755;unique=fe00g20c1d3; .',
  'type=file;size=2;modify=20261124110559;UNIX.mode=0644;unique=fe00g20c1d7; -dash.txt',
  'type=file;size=3;modify=20261124110559;UNIX.mode=0644;unique=fe00g20c1d5; file with  spaces.txt',
  'type=file;size=2;modify=20261124110559;UNIX.mode=0644;unique=fe00g20c1d9; star*?.txt',
  'type=OS.unix=slink:file with  spaces.txt;size=21;modify=20261124110559;UNIX.mode=0777;unique=fe00g20c1da; link',
  'type=file;size=2;modify=20261124110559;UNIX.mode=0644;unique=fe00g20c1d6;  leading.txt',
  'type=pdir;sizd=4096;modify=20261124110608;UNIX.mode=0755;unique=fe00g20c1d3; ..',
  'type=file;size=2;modify=20261124110608;UNIX.mode=0644;unique=fe00g20c38b; semi;colon name',
  'type=unknown;size=0;modify=20261124110608;UNIX.mode=0644;unique=fe00g20c38a; null',
  'type=file;size=0;modify=20190305120000;UNIX.mode=0644;unique=fe00g20c1db; old.bin',
];

/** The ten names in the captured folder, in the order the servers sent them. */
const NAMES_VSFTPD = [
  ' leading.txt',
  '-dash.txt',
  'Folder name',
  'file with  spaces.txt',
  'link',
  'null',
  'old.bin',
  'semi;colon name',
  'star*?.txt',
  'ünïcödé ✓.txt',
];
const NAMES_MLSD = [
  'ünïcödé ✓.txt',
  'Folder name',
  '-dash.txt',
  'file with  spaces.txt',
  'star*?.txt',
  'link',
  ' leading.txt',
  'semi;colon name',
  'null',
  'old.bin',
];

describe('parseListing: whole captured replies', () => {
  it("reads vsftpd's `LIST -a`, dropping . and ..", () => {
    const result = parseListing(crlf(VSFTPD_LIST_A), { format: 'list', now: NOW });
    expect(result.parser).toBe('unix');
    expect(result.entries.map((e) => e.name)).toEqual(NAMES_VSFTPD);
    expect(result.dropped).toEqual(['.', '..']);
    expect(result.unparsed).toEqual([]);
    expect(result.entries.find((e) => e.name === 'link')?.linkTarget).toBe('file with  spaces.txt');
  });

  it('gives the same entries for LF-only line ends and for a missing final line end', () => {
    const withCrlf = parseListing(crlf(VSFTPD_LIST_A), { format: 'list', now: NOW });
    const withLf = parseListing(VSFTPD_LIST_A.join('\n'), { format: 'list', now: NOW });
    expect(withLf.entries).toEqual(withCrlf.entries);
    expect(withLf.entries).toHaveLength(10);
    expect(withLf.entries.some((e) => e.name.endsWith('\r'))).toBe(false);
    expect(withCrlf.entries.some((e) => e.name.endsWith('\r'))).toBe(false);
  });

  it("reads ProFTPD's MLSD, skipping cdir and pdir without reporting them", () => {
    const result = parseListing(crlf(PROFTPD_MLSD), { format: 'mlsd', now: NOW });
    expect(result.parser).toBe('mlsd');
    expect(result.entries.map((e) => e.name)).toEqual(NAMES_MLSD);
    expect(result.dropped).toEqual([]);
    expect(result.unparsed).toEqual([]);
    expect(result.entries[0]).toEqual({
      name: 'ünïcödé ✓.txt',
      kind: 'file',
      size: 2,
      modified: Date.UTC(2026, 10, 24, 11, 5, 59),
      permissions: '0644',
      owner: 'ftp',
      group: 'nogroup',
      linkTarget: null,
    });
  });

  it("reads Pure-FTPd's MLSD, with its symlink target", () => {
    const result = parseListing(crlf(PURE_FTPD_MLSD), { format: 'mlsd', now: NOW });
    expect(result.entries.map((e) => e.name)).toEqual(NAMES_MLSD);
    expect(result.entries.find((e) => e.name === 'link')).toMatchObject({
      kind: 'symlink',
      linkTarget: 'file with  spaces.txt',
    });
    expect(result.entries.find((e) => e.name === 'null')?.kind).toBe('other');
    expect(result.dropped).toEqual([]);
    expect(result.unparsed).toEqual([]);
  });

  it('ignores `total N` and blank lines from GNU ls 9.1', () => {
    const text = [
      'total 28',
      '-rw-r--r-- 1 root root    2 Nov 24 11:05 -dash.txt',
      '',
      '   ',
      'crw-r--r-- 1 root root 1, 3 Nov 24 11:06 null',
    ].join('\n');
    const result = parseListing(text, { format: 'list', now: NOW });
    expect(result.entries.map((e) => [e.name, e.kind])).toEqual([
      ['-dash.txt', 'file'],
      ['null', 'other'],
    ]);
    expect(result.unparsed).toEqual([]);
  });
});

describe('parseListing: choosing the LIST parser', () => {
  it('picks the DOS parser for an IIS listing', () => {
    const text = crlf([
      '02-27-24  03:04PM       <DIR>          Folder name',
      '02-27-24  03:04PM                 1234 file.txt',
    ]);
    const result = parseListing(text, { format: 'list', now: NOW });
    expect(result.parser).toBe('dos');
    expect(result.entries.map((e) => [e.name, e.kind, e.size])).toEqual([
      ['Folder name', 'directory', null],
      ['file.txt', 'file', 1234],
    ]);
  });

  it('reports lines of another format or garbage verbatim, and keeps going', () => {
    const text = crlf([
      'ls: cannot open directory .: Permission denied',
      '-rw-r--r--    1 0        0               2 Nov 24 11:05 -dash.txt',
      '02-27-24  03:04PM       <DIR>          Folder name',
      '-rw-r--r--    1 0        0               2 Nov 24 11:05 star*?.txt',
    ]);
    const result = parseListing(text, { format: 'list', now: NOW });
    expect(result.parser).toBe('unix');
    expect(result.entries.map((e) => e.name)).toEqual(['-dash.txt', 'star*?.txt']);
    expect(result.unparsed).toEqual([
      'ls: cannot open directory .: Permission denied',
      '02-27-24  03:04PM       <DIR>          Folder name',
    ]);
  });

  it("reports every line when none is in a known format, with parser 'none'", () => {
    const result = parseListing('+i8388621.29609,m824255902,/,\tdev\r\nsomething else\r\n', {
      format: 'list',
      now: NOW,
    });
    expect(result).toEqual({
      entries: [],
      unparsed: ['+i8388621.29609,m824255902,/,\tdev', 'something else'],
      dropped: [],
      parser: 'none',
    });
  });

  it('returns nothing for an empty directory', () => {
    expect(parseListing('', { format: 'list', now: NOW })).toEqual({
      entries: [],
      unparsed: [],
      dropped: [],
      parser: 'none',
    });
    expect(parseListing('total 0\r\n', { format: 'list', now: NOW }).unparsed).toEqual([]);
  });

  it('reports a LIST line sent in reply to MLSD', () => {
    const text = crlf([PURE_FTPD_MLSD[0] ?? '', VSFTPD_LIST_A[0] ?? '']);
    const result = parseListing(text, { format: 'mlsd', now: NOW });
    expect(result.entries.map((e) => e.name)).toEqual(['ünïcödé ✓.txt']);
    expect(result.unparsed).toEqual([VSFTPD_LIST_A[0]]);
  });
});

describe('security 9.7: parseListing drops unsafe names', () => {
  it('drops names that are not one plain path component, from any format', () => {
    const unix = (name: string) => `-rw-r--r-- 1 ftp ftp 1 Nov 24 11:05 ${name}`;
    const list = parseListing(
      crlf([unix('../../etc/passwd'), unix('..\\boot.ini'), unix('C:evil'), unix('ok.txt')]),
      { format: 'list', now: NOW },
    );
    expect(list.entries.map((e) => e.name)).toEqual(['ok.txt']);
    expect(list.dropped).toEqual(['../../etc/passwd', '..\\boot.ini', 'C:evil']);

    const mlsd = parseListing(crlf(['type=file;size=1; a\0b', 'type=dir; ..', 'type=file; /x']), {
      format: 'mlsd',
      now: NOW,
    });
    expect(mlsd.entries).toEqual([]);
    expect(mlsd.dropped).toEqual(['a\0b', '..', '/x']);
  });

  it('keeps a symlink whose target is a path: only the name must be plain', () => {
    const result = parseListing('lrwxrwxrwx 1 root root 13 Nov 24 11:02 fd -> /proc/self/fd\n', {
      format: 'list',
      now: NOW,
    });
    expect(result.entries.map((e) => [e.name, e.linkTarget])).toEqual([['fd', '/proc/self/fd']]);
    expect(result.dropped).toEqual([]);
  });
});
