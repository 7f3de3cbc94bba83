import { describe, expect, it } from 'vitest';
import { dosParser } from './dos.js';

// IIS writes fixed columns (MM-DD-YY, two spaces, hh:mmAM/PM, then the size right-aligned so
// that names start at column 39, or `<DIR>` and ten spaces). The lines follow that layout;
// "muntemp"/"naxp11e.zip" and the 24-hour line are published IIS samples quoted in FTP
// clients' parser comments.
const NOW = new Date(Date.UTC(2026, 10, 24, 11, 8));
const at = (y: number, mo: number, d: number, h: number, mi: number): number =>
  Date.UTC(y, mo - 1, d, h, mi);
const parse = (line: string) => dosParser.parseLine(line, NOW);
/** An IIS file line: the size ends at column 37, the name starts at column 39. */
const file = (dateTime: string, size: string, name: string): string =>
  `${dateTime}${size.padStart(38 - dateTime.length)} ${name}`;

describe('dosParser', () => {
  it('reads a directory', () => {
    expect(parse('02-27-24  03:04PM       <DIR>          Folder name')).toEqual({
      name: 'Folder name',
      kind: 'directory',
      size: null,
      modified: at(2024, 2, 27, 15, 4),
      permissions: null,
      owner: null,
      group: null,
      linkTarget: null,
    });
  });

  it('reads a file', () => {
    const line = '02-27-24  03:04PM                 1234 file.txt';
    expect(line.indexOf('file.txt')).toBe(39); // the layout the helper below reproduces
    expect(file('02-27-24  03:04PM', '1234', 'file.txt')).toBe(line);
    expect(parse(line)).toEqual({
      name: 'file.txt',
      kind: 'file',
      size: 1234,
      modified: at(2024, 2, 27, 15, 4),
      permissions: null,
      owner: null,
      group: null,
      linkTarget: null,
    });
  });

  it('reads published IIS samples, two- and four-digit years', () => {
    expect(parse('06-29-95  03:05PM       <DIR>          muntemp')).toMatchObject({
      name: 'muntemp',
      kind: 'directory',
      modified: at(1995, 6, 29, 15, 5),
    });
    expect(parse('05-02-95  10:03AM               961590 naxp11e.zip')).toMatchObject({
      name: 'naxp11e.zip',
      size: 961590,
      modified: at(1995, 5, 2, 10, 3),
    });
    expect(parse('05-17-2007  07:58PM       <DIR>          muntemp')?.modified).toBe(
      at(2007, 5, 17, 19, 58),
    );
    expect(parse('09-09-2008  03:50AM                 1506 naxp11e.zip')).toMatchObject({
      size: 1506,
      modified: at(2008, 9, 9, 3, 50),
    });
  });

  it('reads a 24-hour clock', () => {
    expect(parse('05-27-11  09:31       <DIR>          3')).toMatchObject({
      name: '3',
      kind: 'directory',
      modified: at(2011, 5, 27, 9, 31),
    });
    expect(parse(file('05-27-11  21:31', '7', 'late.log'))?.modified).toBe(at(2011, 5, 27, 21, 31));
  });

  it('maps 12 AM to midnight and 12 PM to noon', () => {
    expect(parse(file('01-01-24  12:05AM', '1', 'a'))?.modified).toBe(at(2024, 1, 1, 0, 5));
    expect(parse(file('01-01-24  12:30PM', '1', 'a'))?.modified).toBe(at(2024, 1, 1, 12, 30));
  });

  it('keeps leading and inner spaces, dashes, unicode and wildcards in names', () => {
    expect(parse(file('02-27-24  03:04PM', '2', ' leading.txt'))?.name).toBe(' leading.txt');
    expect(parse('02-27-24  03:04PM       <DIR>           spaced  dir')?.name).toBe(' spaced  dir');
    expect(parse(file('02-27-24  03:04PM', '2', '-dash.txt'))?.name).toBe('-dash.txt');
    expect(parse(file('02-27-24  03:04PM', '2', 'ünïcödé ✓.txt'))?.name).toBe('ünïcödé ✓.txt');
    expect(parse(file('02-27-24  03:04PM', '2', 'star*?.txt'))?.name).toBe('star*?.txt');
  });

  it('takes the name after other padding when `<DIR>` is not followed by ten spaces', () => {
    expect(parse('02-27-24  03:04PM <DIR> short pad')?.name).toBe('short pad');
  });

  it('reads sizes above 4 GiB exactly', () => {
    expect(parse(file('02-27-24  03:04PM', '5368709120', 'big.iso'))?.size).toBe(5_368_709_120);
  });

  it.each([
    ['a month 13', '13-27-24  03:04PM       <DIR>          x'],
    ['Feb 30', '02-30-24  03:04PM       <DIR>          x'],
    ['13 PM', '02-27-24  13:04PM       <DIR>          x'],
    ['minute 60', '02-27-24  03:60PM       <DIR>          x'],
    ['no name', '02-27-24  03:04PM       <DIR>          '],
    ['a Unix line', '-rw-r--r-- 1 ftp ftp 1 Nov 24 11:05 f'],
  ])('refuses %s', (_why, line) => {
    expect(parse(line)).toBeUndefined();
  });

  it('recognises its format in testLine, and has no noise lines', () => {
    expect(dosParser.testLine('02-27-24  03:04PM       <DIR>          Folder name')).toBe(true);
    expect(dosParser.testLine('05-17-2007  07:58PM       <DIR>          muntemp')).toBe(true);
    expect(dosParser.testLine('drwxr-xr-x 2 0 0 4096 Nov 24 11:05 d')).toBe(false);
    expect(dosParser.isNoise('total 28')).toBe(false);
  });
});
