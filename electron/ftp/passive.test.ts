import { describe, expect, it } from 'vitest';
import { FtpError } from './errors.js';
import { choosePassiveHost, isUnroutable, parseEpsvReply, parsePasvReply } from './passive.js';
import type { Reply } from './reply-parser.js';

const reply = (code: number, text: string): Reply => ({
  code,
  lines: [`${code} ${text}`],
  message: `${code} ${text}`,
});

describe('parsePasvReply', () => {
  it('reads the address and port of the reference log', () => {
    expect(parsePasvReply(reply(227, 'Entering Passive Mode (66,40,34,171,137,225).'))).toEqual({
      host: '66.40.34.171',
      port: 137 * 256 + 225,
    });
  });

  it('accepts the numbers without parentheses (RFC 1123 §4.1.2.6)', () => {
    expect(parsePasvReply(reply(227, 'Entering Passive Mode 127,0,0,1,4,1'))).toEqual({
      host: '127.0.0.1',
      port: 1025,
    });
  });

  it.each([
    'Entering Passive Mode (256,0,0,1,4,1)',
    'Entering Passive Mode (127,0,0,1,300,1)',
    'Entering Passive Mode (127,0,0,1,0,0)',
    'Entering Passive Mode (127,0,0,1,-4,1)',
    'Entering Passive Mode (-127,0,0,1,4,1)',
    'Entering Passive Mode (127,0,0,1,4)',
    'Entering Passive Mode (127,0,0,1,4,1,9)',
    'Entering Passive Mode (a,b,c,d,e,f)',
    'garbage',
  ])('security 9.3: refuses a malformed reply: %s', (text) => {
    expect(() => parsePasvReply(reply(227, text))).toThrow(FtpError);
  });

  it('refuses a reply that is not 227', () => {
    expect(() => parsePasvReply(reply(500, 'PASV not understood (127,0,0,1,4,1)'))).toThrow(
      /malformed passive/,
    );
  });
});

describe('parseEpsvReply', () => {
  it('reads the port', () => {
    expect(parseEpsvReply(reply(229, 'Entering Extended Passive Mode (|||6446|)'))).toEqual({
      host: undefined,
      port: 6446,
    });
  });
  it('accepts another delimiter character (RFC 2428 §3)', () => {
    expect(parseEpsvReply(reply(229, 'Entering Extended Passive Mode (!!!6446!)')).port).toBe(6446);
  });
  it.each(['(|||0|)', '(|||65536|)', '(|||-1|)', '(||6446|)', '(|||abc|)', 'no parens'])(
    'security 9.3: refuses %s',
    (text) => {
      expect(() => parseEpsvReply(reply(229, `Entering Extended Passive Mode ${text}`))).toThrow(
        FtpError,
      );
    },
  );
});

describe('choosePassiveHost', () => {
  it('security 9.1: uses the peer when the server names another host, unless the user opted in', () => {
    const target = { host: '203.0.113.9', port: 2000 };
    expect(choosePassiveHost(target, '198.51.100.7', false)).toEqual({
      host: '198.51.100.7',
      replaced: 'different-host',
    });
    expect(choosePassiveHost(target, '198.51.100.7', true)).toEqual({
      host: '203.0.113.9',
      replaced: undefined,
    });
  });

  it.each(['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.1.1'])(
    'security 9.2: replaces the unroutable %s from a routable peer even when opted in',
    (host) => {
      expect(choosePassiveHost({ host, port: 2000 }, '198.51.100.7', true)).toEqual({
        host: '198.51.100.7',
        replaced: 'unroutable',
      });
    },
  );

  it('keeps the named host when it is the peer, also through an IPv4-mapped address', () => {
    expect(choosePassiveHost({ host: '127.0.0.1', port: 1 }, '::ffff:127.0.0.1', false)).toEqual({
      host: '::ffff:127.0.0.1',
      replaced: undefined,
    });
  });

  it('uses the peer for EPSV, which names no host', () => {
    expect(choosePassiveHost({ host: undefined, port: 1 }, '::1', false).host).toBe('::1');
  });
});

describe('isUnroutable', () => {
  it.each([
    ['10.0.0.1', true],
    ['172.15.0.1', false],
    ['172.32.0.1', false],
    ['192.169.0.1', false],
    ['fc00::1', true],
    ['fd12::1', true],
    ['fe80::1', true],
    ['2001:db8::1', false],
    ['8.8.8.8', false],
  ])('%s → %s', (address, expected) => {
    expect(isUnroutable(address)).toBe(expected);
  });
});
