import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultUserDataDir, parseWebArgs } from './args.js';

describe('portside-web arguments', () => {
  it('defaults to a free port and the default folders', () => {
    expect(parseWebArgs([])).toEqual({
      port: 0,
      userDataDir: undefined,
      rendererDir: undefined,
      link: undefined,
      help: false,
    });
  });

  it('reads --port, --user-data and --renderer', () => {
    expect(
      parseWebArgs(['--port', '8080', '--user-data', '/data/ps', '--renderer=/srv/ui']),
    ).toEqual({
      port: 8080,
      userDataDir: '/data/ps',
      rendererDir: '/srv/ui',
      link: undefined,
      help: false,
    });
    expect(parseWebArgs(['-h']).help).toBe(true);
  });

  it.each([['-1'], ['65536'], ['80.5'], ['http'], [''], [' ']])('refuses --port %j', (port) => {
    expect(() => parseWebArgs([`--port=${port}`])).toThrow('--port must be a whole number');
  });

  it('refuses unknown options, stray operands and empty folders', () => {
    expect(() => parseWebArgs(['--host', '0.0.0.0'])).toThrow();
    expect(() => parseWebArgs(['extra'])).toThrow('the only operand is one ftp:// or ftps:// link');
    expect(() => parseWebArgs(['ftp://a.example', 'ftp://b.example'])).toThrow('the only operand');
    expect(() => parseWebArgs(['--user-data', ''])).toThrow('--user-data needs a folder');
  });
});

describe('portside-web ftp:// link', () => {
  it('takes one ftp:// or ftps:// link as its operand, after or before the options', () => {
    expect(parseWebArgs(['--port', '0', 'ftp://bob@h.example/pub']).link).toBe(
      'ftp://bob@h.example/pub',
    );
    expect(parseWebArgs(['FTPS://h.example', '--port=0']).link).toBe('FTPS://h.example');
  });
});

describe('defaultUserDataDir', () => {
  it('follows XDG on Linux, ignoring a relative XDG_CONFIG_HOME', () => {
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/u')).toBe(
      join('/xdg', 'portside-web'),
    );
    expect(defaultUserDataDir('linux', {}, '/home/u')).toBe(
      join('/home/u', '.config', 'portside-web'),
    );
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: 'rel' }, '/home/u')).toBe(
      join('/home/u', '.config', 'portside-web'),
    );
  });

  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(defaultUserDataDir('darwin', {}, '/Users/u')).toBe(
      join('/Users/u', 'Library', 'Application Support', 'portside-web'),
    );
    expect(
      defaultUserDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u'),
    ).toBe(join('C:\\Users\\u\\AppData\\Roaming', 'portside-web'));
  });
});
