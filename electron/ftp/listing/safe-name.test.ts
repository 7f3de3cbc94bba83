import { describe, expect, it } from 'vitest';
import { isSafeEntryName } from './safe-name.js';

describe('security 9.7: isSafeEntryName keeps one plain path component only', () => {
  it.each([
    'file.txt',
    ' leading.txt',
    'trailing ',
    '-dash.txt',
    'ünïcödé ✓.txt',
    'star*?.txt',
    'semi;colon name',
    '...',
    '.hidden',
    'C',
    '1:30 notes.txt',
    'a-b:c',
  ])('accepts %j', (name) => {
    expect(isSafeEntryName(name)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['the current directory', '.'],
    ['the parent directory', '..'],
    ['a slash', 'a/b'],
    ['a leading slash', '/etc'],
    ['a backslash', '..\\x'],
    ['a NUL', 'a\0b'],
    ['a drive prefix', 'C:'],
    ['a drive-relative path', 'c:evil.exe'],
    ['a drive prefix on any letter', 'Z:x'],
  ])('refuses %s', (_why, name) => {
    expect(isSafeEntryName(name)).toBe(false);
  });
});
