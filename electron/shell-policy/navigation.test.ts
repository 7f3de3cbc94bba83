import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from './app-protocol.js';
import {
  decidePermission,
  decideWindowOpen,
  mayLoadResource,
  mayNavigate,
  mayOpenExternal,
} from './navigation.js';

describe('security 9.28: navigation and new windows are refused', () => {
  it.each([
    ['app://portside/index.html', true],
    ['app://portside/', true],
    ['app://portside/index.html#/sites', true],
    ['app://portside/other.html', false],
    ['app://evil/index.html', false],
    ['https://example.com/', false],
    ['http://localhost:5173/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['about:blank', false],
    ['data:text/html,<script>alert(1)</script>', false],
  ])('may navigate to %s: %s', (url, allowed) => {
    expect(mayNavigate(url)).toBe(allowed);
  });

  it('never opens a window; hands https links from the app to the OS browser', () => {
    expect(decideWindowOpen('https://example.com/help', true)).toEqual({
      action: 'deny',
      openExternal: true,
    });
    expect(decideWindowOpen('https://example.com/help', false)).toEqual({
      action: 'deny',
      openExternal: false,
    });
    expect(decideWindowOpen('javascript:alert(1)', true)).toEqual({
      action: 'deny',
      openExternal: false,
    });
  });
});

describe('security 9.30: shell.openExternal only for https URLs', () => {
  it.each([
    'https://filezilla-project.org/',
    'https://example.com/path?q=1#frag',
    'https://[::1]:8443/',
  ])('opens %s', (url) => {
    expect(mayOpenExternal(url)).toBe(true);
  });

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['file:', 'file:///C:/Windows/System32/calc.exe'],
    ['http:', 'http://example.com/'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['ftp:', 'ftp://example.com/pub/'],
    ['a custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['a smb share', 'smb://attacker.example/share'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['credentials in the URL', 'https://user:secret@example.com/'],
    ['a user name in the URL', 'https://user@example.com/'],
    ['an upper-case scheme trick', 'JAVASCRIPT:alert(1)'],
    ['a leading space', ' https://example.com/'],
    ['a tab inside', 'https://exa\tmple.com/'],
    ['a newline inside', 'https://example.com/\nfile:///etc/passwd'],
    ['a NUL', 'https://example.com/\u0000'],
    ['an empty string', ''],
    ['not a URL', 'example.com'],
    ['an overlong URL', `https://example.com/${'a'.repeat(3000)}`],
  ])('refuses %s', (_what, url) => {
    expect(mayOpenExternal(url)).toBe(false);
  });

  it('refuses anything that is not a string', () => {
    expect(mayOpenExternal(undefined)).toBe(false);
    expect(mayOpenExternal({ toString: () => 'https://example.com/' })).toBe(false);
  });
});

describe('security 9.28: permission requests are denied', () => {
  it.each([
    'media',
    'notifications',
    'geolocation',
    'clipboard-read',
    'openExternal',
    'fullscreen',
    'pointerLock',
    'midi',
    'hid',
    'serial',
    'usb',
    'fileSystem',
    'display-capture',
    'idle-detection',
    'window-management',
    'unknown',
  ])('denies %s', (permission) => {
    expect(decidePermission(permission, APP_INDEX_URL)).toBe(false);
  });

  it('lets only the app itself write text to the clipboard (Copy), never read it', () => {
    expect(decidePermission('clipboard-sanitized-write', APP_INDEX_URL)).toBe(true);
    expect(decidePermission('clipboard-sanitized-write', 'app://portside')).toBe(true);
    expect(decidePermission('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    expect(decidePermission('clipboard-sanitized-write', '')).toBe(false);
    expect(decidePermission('clipboard-read', 'app://portside')).toBe(false);
  });
});

describe('security 9.28: no remote content is loaded', () => {
  it.each([
    ['app://portside/assets/index.js', false, true],
    ['data:image/png;base64,AAAA', false, true],
    ['blob:app://portside/1234', false, true],
    ['devtools://devtools/bundled/inspector.html', true, true],
    ['devtools://devtools/bundled/inspector.html', false, false],
    ['https://cdn.example.com/lib.js', true, false],
    ['http://127.0.0.1:8080/', true, false],
    ['ws://127.0.0.1:8080/', true, false],
    ['file:///etc/passwd', true, false],
    ['app://elsewhere/x.js', true, false],
  ])('%s (devTools %s): %s', (url, devTools, allowed) => {
    expect(mayLoadResource(url, devTools)).toBe(allowed);
  });
});
