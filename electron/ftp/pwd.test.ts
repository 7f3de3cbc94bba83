import { describe, expect, it } from 'vitest';
import { parsePwdReply } from './pwd.js';
import type { Reply } from './reply-parser.js';

const reply = (line: string): Reply => ({
  code: Number(line.slice(0, 3)),
  lines: [line],
  message: line,
});

describe('security 9.15: parsePwdReply reads RFC 959 quoting and refuses the rest', () => {
  it.each([
    ['257 "/" is current directory.', '/'],
    ['257 "/home/alice"', '/home/alice'],
    ['257 "/a ""quoted"" name" is current directory', '/a "quoted" name'],
    ['257 "/ends with quote"""', '/ends with quote"'],
    ['257 "/with space " x', '/with space '],
  ])('%s → %s', (line, path) => {
    expect(parsePwdReply(reply(line))).toBe(path);
  });

  it.each(['257 /no/quotes', '257 "unterminated', '257 ""', '550 "/" not allowed'])(
    'refuses %s',
    (line) => {
      expect(() => parsePwdReply(reply(line))).toThrow(/unreadable current directory/);
    },
  );
});
