import { describe, expect, it } from 'vitest';
import { mlsdParser } from './mlsd.js';

// ProFTPD 1.3.8 and Pure-FTPd 1.0.50 (Debian 12 packages) lines captured on 2026-11-24 from
// an anonymous login. ProFTPD reports UNIX.owner=0 with UNIX.ownername=ftp there because it
// masks the real owner for anonymous users. Lines marked "constructed" vary a real one.
const NOW = new Date(Date.UTC(2026, 10, 24, 11, 8));
const parse = (line: string) => mlsdParser.parseLine(line, NOW);
const PROFTPD_FILE =
  'modify=20261124110559;perm=adfr;size=2;type=file;unique=FE00U20C1D8;UNIX.group=0;' +
  'UNIX.groupname=nogroup;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; ünïcödé ✓.txt';

describe('mlsdParser: ProFTPD', () => {
  it('reads a file, preferring owner and group names to ids', () => {
    expect(parse(PROFTPD_FILE)).toEqual({
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

  it('reads a directory without a size', () => {
    const line =
      'modify=20261124110559;perm=fle;type=dir;unique=FE00U20C1D4;UNIX.group=0;' +
      'UNIX.groupname=nogroup;UNIX.mode=0755;UNIX.owner=0;UNIX.ownername=ftp; Folder name';
    expect(parse(line)).toMatchObject({
      name: 'Folder name',
      kind: 'directory',
      size: null,
      permissions: '0755',
    });
  });

  it('reads `OS.unix=symlink`, which carries no target', () => {
    const line =
      'modify=20261124110559;perm=adfr;size=21;type=OS.unix=symlink;unique=FE00U20C1D5;' +
      'UNIX.group=0;UNIX.groupname=nogroup;UNIX.mode=0777;UNIX.owner=0;UNIX.ownername=ftp; link';
    expect(parse(line)).toMatchObject({
      name: 'link',
      kind: 'symlink',
      linkTarget: null,
      size: 21,
    });
  });

  it('falls back to ids when there are no names (constructed)', () => {
    const line = 'type=file;size=1;UNIX.owner=1000;UNIX.group=100; a';
    expect(parse(line)).toMatchObject({ owner: '1000', group: '100' });
  });

  it('keeps a leading space, semicolons and double spaces in names', () => {
    const tail = 'type=file;unique=FE00U20C1D6;UNIX.mode=0644;';
    expect(parse(`modify=20261124110559;perm=adfr;size=2;${tail}  leading.txt`)?.name).toBe(
      ' leading.txt',
    );
    expect(parse(`modify=20261124110608;perm=adfr;size=2;${tail} semi;colon name`)?.name).toBe(
      'semi;colon name',
    );
    expect(parse(`size=3;${tail} file with  spaces.txt`)?.name).toBe('file with  spaces.txt');
    expect(parse(`size=3;${tail} a; b`)?.name).toBe('a; b'); // constructed
  });
});

describe('mlsdParser: Pure-FTPd', () => {
  it('reads a directory, whose size is in `sizd`', () => {
    const line =
      'type=dir;sizd=4096;modify=20261124110559;UNIX.mode=0755;unique=fe00g20c1d4; Folder name';
    expect(parse(line)).toEqual({
      name: 'Folder name',
      kind: 'directory',
      size: 4096,
      modified: Date.UTC(2026, 10, 24, 11, 5, 59),
      permissions: '0755',
      owner: null,
      group: null,
      linkTarget: null,
    });
  });

  it('reads `OS.unix=slink:target`, with spaces in the target', () => {
    const line =
      'type=OS.unix=slink:file with  spaces.txt;size=21;modify=20261124110559;' +
      'UNIX.mode=0777;unique=fe00g20c1da; link';
    expect(parse(line)).toMatchObject({
      name: 'link',
      kind: 'symlink',
      linkTarget: 'file with  spaces.txt',
    });
    expect(parse('type=OS.unix=slink:/etc/passwd;size=11; pw')?.linkTarget).toBe('/etc/passwd');
  });

  it('reads `type=unknown` (a device) as other', () => {
    const line =
      'type=unknown;size=0;modify=20261124110608;UNIX.mode=0644;unique=fe00g20c38a; null';
    expect(parse(line)).toMatchObject({ name: 'null', kind: 'other', size: 0 });
  });

  it('reads UNIX.uid and UNIX.gid as owner and group', () => {
    const line =
      'type=file;size=0;modify=20190305120000;UNIX.mode=0644;UNIX.uid=999;UNIX.gid=995;' +
      'unique=fe00g20c1db; old.bin';
    expect(parse(line)).toMatchObject({
      name: 'old.bin',
      owner: '999',
      group: '995',
      modified: Date.UTC(2019, 2, 5, 12, 0, 0),
    });
  });
});

describe('mlsdParser: RFC 3659 details (constructed)', () => {
  it('matches fact names and type values in any case', () => {
    expect(parse('Type=File;SIZE=5;Modify=20240101120000;unix.MODE=600; x')).toMatchObject({
      kind: 'file',
      size: 5,
      modified: Date.UTC(2024, 0, 1, 12),
      permissions: '600',
    });
    expect(parse('TYPE=DIR; d')?.kind).toBe('directory');
  });

  it('keeps fractional seconds as milliseconds', () => {
    expect(parse('type=file;modify=20240101120000.5; a')?.modified).toBe(
      Date.UTC(2024, 0, 1, 12, 0, 0, 500),
    );
    expect(parse('type=file;modify=20240101120000.123456; a')?.modified).toBe(
      Date.UTC(2024, 0, 1, 12, 0, 0, 123),
    );
  });

  it('leaves malformed values out instead of guessing', () => {
    expect(parse('type=file;size=12k;modify=20241301000000;UNIX.mode=rwx; a')).toMatchObject({
      size: null,
      modified: null,
      permissions: null,
    });
  });

  it('treats a line without a type fact, or with no facts, as other', () => {
    expect(parse('size=1; a')).toMatchObject({ name: 'a', kind: 'other', size: 1 });
    expect(parse(' bare name')).toMatchObject({ name: 'bare name', kind: 'other', size: null });
  });

  it('skips cdir and pdir: not entries, and noise rather than unparsable', () => {
    const cdir = 'type=cdir;sizd=4096;modify=20261124110608;UNIX.mode=0755;unique=fe00g20c1d3; .';
    const pdir = 'modify=20261124110608;perm=fle;type=pdir;unique=FE00U20C1D3; ..';
    expect(parse(cdir)).toBeUndefined();
    expect(parse(pdir)).toBeUndefined();
    expect(mlsdParser.isNoise(cdir)).toBe(true);
    expect(mlsdParser.isNoise(pdir)).toBe(true);
    expect(mlsdParser.isNoise(PROFTPD_FILE)).toBe(false);
  });

  it.each([
    ['a Unix line', '-rw-r--r-- 1 ftp ftp 1 Nov 24 11:05 f'],
    ['a fact without "="', 'type=file;oops;size=1; a'],
    ['no name', 'type=file;size=1;'],
    ['no name after the separator', 'type=file;size=1; '],
    ['one word', 'garbage'],
  ])('refuses %s', (_why, line) => {
    expect(parse(line)).toBeUndefined();
    expect(mlsdParser.isNoise(line)).toBe(false);
  });

  it('recognises its format in testLine', () => {
    expect(mlsdParser.testLine(PROFTPD_FILE)).toBe(true);
    expect(mlsdParser.testLine('-rw-r--r-- 1 ftp ftp 1 Nov 24 11:05 f')).toBe(false);
  });
});
