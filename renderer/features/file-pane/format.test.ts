import { describe, expect, it } from 'vitest';
import {
  extensionOf,
  footerText,
  formatBytesShort,
  formatDuration,
  formatSize,
  formatType,
  totalsOf,
} from './format.js';
import { paneEntry } from './test-fakes.js';

const file = (name: string, size: number | null) => paneEntry(name, { size });
const dir = (name: string) => paneEntry(name, { kind: 'directory', size: null });

describe('footer text', () => {
  it('counts files and directories with the total size, FileZilla-style', () => {
    const entries = [
      file('a', 1000),
      file('b', 100),
      file('c', 60),
      file('d', 2),
      ...Array.from({ length: 10 }, (_, i) => dir(`d${i}`)),
    ];
    expect(footerText(totalsOf(entries), null)).toBe(
      '4 files and 10 directories. Total size: 1,162 bytes',
    );
  });

  it('uses the singular for one of each, and for one byte', () => {
    expect(footerText(totalsOf([file('a', 1), dir('x')]), null)).toBe(
      '1 file and 1 directory. Total size: 1 byte',
    );
    expect(footerText(totalsOf([file('big', 1_073_741_824), dir('x')]), null)).toBe(
      '1 file and 1 directory. Total size: 1,073,741,824 bytes',
    );
  });

  it('leaves out what is not there', () => {
    expect(footerText(totalsOf([dir('x'), dir('y')]), null)).toBe('2 directories.');
    expect(footerText(totalsOf([file('a', 5)]), null)).toBe('1 file. Total size: 5 bytes');
    expect(footerText(totalsOf([]), null)).toBe('Empty directory.');
  });

  it('says "at least" when a size is unknown', () => {
    expect(footerText(totalsOf([file('a', 5), file('b', null)]), null)).toBe(
      '2 files. Total size: at least 5 bytes',
    );
  });

  it('describes the selection instead when there is one', () => {
    const all = totalsOf([file('a', 1024), file('b', 1024), file('c', 1), dir('x')]);
    expect(footerText(all, totalsOf([file('a', 1024), file('b', 1024)]))).toBe(
      'Selected 2 files. Total size: 2,048 bytes',
    );
    expect(footerText(all, totalsOf([file('c', 1)]))).toBe('Selected 1 file. Total size: 1 byte');
    expect(footerText(all, totalsOf([dir('x')]))).toBe('Selected 1 directory.');
    expect(footerText(all, totalsOf([file('c', 1), dir('x')]))).toBe(
      'Selected 1 file and 1 directory. Total size: at least 1 byte',
    );
    expect(footerText(all, totalsOf([]))).toBe('3 files and 1 directory. Total size: 2,049 bytes');
  });
});

describe('cells', () => {
  it('formats sizes with thousands separators', () => {
    expect(formatSize(1_234_567)).toBe('1,234,567');
    expect(formatSize(0)).toBe('0');
    expect(formatSize(null)).toBe('');
  });

  it('names types like a file manager', () => {
    expect(formatType(dir('x'))).toBe('File folder');
    expect(formatType(file('notes.txt', 1))).toBe('TXT file');
    expect(formatType(file('archive.tar.GZ', 1))).toBe('GZ file');
    expect(formatType(file('.bashrc', 1))).toBe('File');
    expect(formatType(file('README', 1))).toBe('File');
    expect(formatType(file('trailing.', 1))).toBe('File');
    expect(formatType(paneEntry('l', { kind: 'symlink' }))).toBe('Symbolic link');
    expect(extensionOf('backup.2024-01-01-full')).toBe('');
  });

  it('formats queue sizes, speeds and times', () => {
    expect(formatBytesShort(512)).toBe('512 B');
    expect(formatBytesShort(1536)).toBe('1.5 KiB');
    expect(formatBytesShort(5 * 1024 * 1024)).toBe('5.0 MiB');
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(754)).toBe('12:34');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(null)).toBe('');
  });
});
