import { describe, expect, it } from 'vitest';
import { MAX_REPLY_LENGTH, parseReplies } from './reply-parser.js';

function ok(buffer: string) {
  const outcome = parseReplies(buffer);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome;
}

describe('parseReplies', () => {
  it('parses a single-line reply and keeps an incomplete tail', () => {
    const { replies, rest } = ok('220 Welcome\r\n331 Pass');
    expect(replies).toEqual([{ code: 220, lines: ['220 Welcome'], message: '220 Welcome' }]);
    expect(rest).toBe('331 Pass');
  });

  it('parses an RFC 959 multi-line reply whose inner lines start with other digits', () => {
    const text = '211-Features:\r\n MDTM\r\n123 not the end\r\n211-still going\r\n211 End\r\n';
    const { replies, rest } = ok(text);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.code).toBe(211);
    expect(replies[0]?.lines).toEqual([
      '211-Features:',
      ' MDTM',
      '123 not the end',
      '211-still going',
      '211 End',
    ]);
    expect(rest).toBe('');
  });

  it('waits for the end of a multi-line reply split across reads', () => {
    const first = ok('230-Welcome\r\n230-to the ');
    expect(first.replies).toEqual([]);
    expect(first.rest).toBe('230-Welcome\r\n230-to the ');
    const second = ok(`${first.rest}server\r\n230 Logged in\r\n`);
    expect(second.replies[0]?.lines).toEqual(['230-Welcome', '230-to the server', '230 Logged in']);
  });

  it('security 9.13: accepts LF-only line ends', () => {
    const { replies } = ok('220-a\n220 b\n200 ok\n');
    expect(replies.map((r) => r.code)).toEqual([220, 200]);
    expect(replies[0]?.lines).toEqual(['220-a', '220 b']);
  });

  it('parses several replies in one read', () => {
    expect(ok('150 go\r\n226 done\r\n').replies.map((r) => r.code)).toEqual([150, 226]);
  });

  it('security 9.13: refuses NUL bytes', () => {
    expect(parseReplies('220 hi\0there\r\n')).toEqual({
      ok: false,
      error: 'The server sent a NUL byte in a reply',
    });
  });

  it.each([
    '22 short\r\n',
    'abc text\r\n',
    '2200 four digits\r\n',
    '620 out of range\r\n',
    'hello\r\n',
  ])(
    'security 9.13: refuses a reply line that does not start with a three-digit code: %j',
    (line) => {
      const outcome = parseReplies(line);
      expect(outcome.ok).toBe(false);
    },
  );

  it('security 9.12: refuses a single line over 64 KiB even before it ends', () => {
    const outcome = parseReplies(`220 ${'x'.repeat(MAX_REPLY_LENGTH)}`);
    expect(outcome).toEqual({ ok: false, error: 'The server sent a reply longer than 64 KiB' });
  });

  it('security 9.12: refuses a complete line over 64 KiB that arrived in one read', () => {
    const outcome = parseReplies(`220 ${'x'.repeat(MAX_REPLY_LENGTH)}\r\n`);
    expect(outcome).toEqual({ ok: false, error: 'The server sent a reply longer than 64 KiB' });
  });

  it('security 9.12: refuses a multi-line reply whose closing line takes it over 64 KiB', () => {
    const outcome = parseReplies(`211-start\r\n211 ${'z'.repeat(MAX_REPLY_LENGTH)}\r\n`);
    expect(outcome).toEqual({ ok: false, error: 'The server sent a reply longer than 64 KiB' });
  });

  it('security 9.12: refuses an endless multi-line reply once it passes 64 KiB', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `211-line ${i} ${'y'.repeat(20)}`).join(
      '\r\n',
    );
    const outcome = parseReplies(`${lines}\r\n`);
    expect(outcome.ok).toBe(false);
  });

  it('does not treat "211-" inside a multi-line reply with a different code as its end', () => {
    const { replies, rest } = ok('211-a\r\n212 not mine\r\n');
    expect(replies).toEqual([]);
    expect(rest).toBe('211-a\r\n212 not mine\r\n');
  });
});
