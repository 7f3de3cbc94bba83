import { describe, expect, it } from 'vitest';
import { describeFtpUrl, parseFtpUrl } from './ftp-url.js';

function url(text: string) {
  const result = parseFtpUrl(text);
  if (!result.ok) throw new Error(result.error);
  return result.url;
}

describe('parseFtpUrl', () => {
  it('reads user, password, host, port and a relative path (RFC 1738)', () => {
    expect(url('ftp://alice:s%40cret@example.com:2121/a/b.txt')).toEqual({
      scheme: 'ftp',
      host: 'example.com',
      port: 2121,
      user: 'alice',
      password: 's@cret',
      path: 'a/b.txt',
      isFolder: false,
    });
  });

  it('makes the path absolute with a leading %2F', () => {
    expect(url('ftp://h/%2Fetc/motd').path).toBe('/etc/motd');
  });

  it('decodes escapes per segment and keeps spaces, dashes and unicode', () => {
    expect(url('ftp://h/dir%20a/-x%20y/%C3%BC.txt').path).toBe('dir a/-x y/ü.txt');
  });

  it('marks folders and the login folder', () => {
    expect(url('ftp://h/pub/')).toMatchObject({ path: 'pub', isFolder: true });
    expect(url('ftp://h')).toMatchObject({ path: '', isFolder: true });
  });

  it('reads IPv6 literals and ftps', () => {
    expect(url('ftps://[::1]:990/x')).toMatchObject({ scheme: 'ftps', host: '::1', port: 990 });
  });

  it.each(['ftp://h/a%0d%0aDELE%20x', 'ftp://h/a%0Ab', 'ftp://h/a%00', 'ftp://u%0d%0aX:p@h/'])(
    'security 9.5: refuses a decoded CR, LF or NUL: %s',
    (text) => {
      expect(parseFtpUrl(text)).toEqual({
        ok: false,
        error: 'The URL contains a line break or NUL character; refused',
      });
    },
  );

  it.each(['http://h/x', 'ftp://', 'ftp://h:99999/', 'ftp://h/%zz'])('refuses %s', (text) => {
    expect(parseFtpUrl(text).ok).toBe(false);
  });

  it('security 9.26: never shows the password', () => {
    expect(describeFtpUrl(url('ftp://alice:secret@h:21/x'))).toBe('ftp://alice@h:21/x');
  });
});
