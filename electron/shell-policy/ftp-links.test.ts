import { describe, expect, it } from 'vitest';
import type { OpenUrlRequest } from '../../shared/models/open-url.js';
import { createLinkRelay, linkInArguments, readLink, registersAsLinkHandler } from './ftp-links.js';

describe('linkInArguments', () => {
  it('finds the link Windows or Linux appended to the command line', () => {
    expect(
      linkInArguments(['C:\\Portside\\Portside.exe', '--', 'ftp://bob@files.example.com/pub']),
    ).toBe('ftp://bob@files.example.com/pub');
    expect(linkInArguments(['/opt/Portside/portside', 'FTPS://h.example'])).toBe(
      'FTPS://h.example',
    );
  });

  it('reads nothing else as a link: switches, paths, other schemes', () => {
    expect(linkInArguments(['/usr/bin/electron', '.', '--inspect=0'])).toBeNull();
    expect(linkInArguments(['portside', '--host=ftp://h', 'sftp://h', 'http://h'])).toBeNull();
  });

  it('takes the last link when there are several', () => {
    expect(linkInArguments(['portside', 'ftp://first.example', 'ftp://second.example'])).toBe(
      'ftp://second.example',
    );
  });
});

describe('readLink', () => {
  it('keeps user, host, port and path, and drops the password', () => {
    const outcome = readLink('ftp://bob:hunter2@files.example.com:2121/pub/a%20b/');
    expect(outcome).toEqual({
      ok: true,
      request: {
        scheme: 'ftp',
        host: 'files.example.com',
        port: 2121,
        user: 'bob',
        path: 'pub/a b',
        passwordDropped: true,
      },
    });
    expect(JSON.stringify(outcome)).not.toContain('hunter2');
  });

  it('keeps an IPv6 host and ftps', () => {
    expect(readLink('ftps://[::1]:990')).toEqual({
      ok: true,
      request: {
        scheme: 'ftps',
        host: '::1',
        port: 990,
        user: null,
        path: '',
        passwordDropped: false,
      },
    });
  });

  it('refuses a link that would smuggle a command, and says why', () => {
    const outcome = readLink('ftp://h.example/a%0d%0aDELE%20x');
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.message).toMatch(/^Portside cannot open this link: .*line break/);
  });

  it('refuses a link whose parts break the contract limits', () => {
    const outcome = readLink(`ftp://${'u'.repeat(2000)}@h.example/`);
    expect(outcome).toEqual({
      ok: false,
      message: 'Portside cannot open this link: a part of it is too long or not allowed.',
    });
  });
});

describe('registersAsLinkHandler', () => {
  it('registers only a packaged Windows build', () => {
    expect(registersAsLinkHandler('win32', true)).toBe(true);
    expect(registersAsLinkHandler('win32', false)).toBe(false);
    expect(registersAsLinkHandler('darwin', true)).toBe(false);
    expect(registersAsLinkHandler('linux', true)).toBe(false);
  });
});

describe('createLinkRelay', () => {
  const relayWithLog = () => {
    const pushed: OpenUrlRequest[] = [];
    return { relay: createLinkRelay((request) => pushed.push(request)), pushed };
  };

  it('holds a link that comes before the window, and hands it over once', () => {
    const { relay, pushed } = relayWithLog();
    relay.open('ftp://first.example/');
    relay.open('ftp://second.example/');
    expect(pushed).toEqual([]);
    expect(relay.take()?.host).toBe('second.example');
    expect(relay.take()).toBeNull();
  });

  it('pushes links once the window has asked, and holds them again after it closed', () => {
    const { relay, pushed } = relayWithLog();
    expect(relay.take()).toBeNull();
    relay.open('ftp://live.example/');
    expect(pushed.map((request) => request.host)).toEqual(['live.example']);

    relay.windowClosed();
    relay.open('ftp://later.example/');
    expect(pushed).toHaveLength(1);
    expect(relay.take()?.host).toBe('later.example');
  });

  it('neither holds nor pushes a link it refuses', () => {
    const { relay, pushed } = relayWithLog();
    relay.take();
    expect(relay.open('ftp://h.example/%00').ok).toBe(false);
    expect(pushed).toEqual([]);
    expect(relay.take()).toBeNull();
  });
});
