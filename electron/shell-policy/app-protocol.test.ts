import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  APP_SCHEME_PRIVILEGES,
  appResponseHeaders,
  isAppUrl,
  resolveAppAsset,
} from './app-protocol.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';

const root = join('/srv', 'portside', 'dist', 'renderer');

describe('the app:// origin', () => {
  it('recognises only the app origin', () => {
    expect(isAppUrl(APP_INDEX_URL)).toBe(true);
    expect(isAppUrl('app://portside/assets/x.js')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('app://user:pw@portside/index.html')).toBe(false);
    expect(isAppUrl('app://portside:8080/index.html')).toBe(false);
    expect(isAppUrl('file:///srv/portside/dist/renderer/index.html')).toBe(false);
    expect(isAppUrl('https://portside/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('never bypasses the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
  });

  it('sends the CSP and nosniff with every file', () => {
    expect(appResponseHeaders('text/html; charset=utf-8')).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
  });
});

describe('serving the renderer folder', () => {
  it('maps the root and files to the renderer folder with their types', () => {
    expect(resolveAppAsset(root, 'app://portside/')).toEqual({
      path: join(root, 'index.html'),
      mimeType: 'text/html; charset=utf-8',
    });
    expect(resolveAppAsset(root, 'app://portside/assets/index-abc.js?v=1#x')).toEqual({
      path: join(root, 'assets', 'index-abc.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppAsset(root, 'app://portside/assets/My%20Font.woff2')?.path).toBe(
      join(root, 'assets', 'My Font.woff2'),
    );
    expect(resolveAppAsset(root, 'app://portside/blob.bin')?.mimeType).toBe(
      'application/octet-stream',
    );
  });

  it.each([
    'app://portside/../../etc/passwd',
    'app://portside/%2e%2e/%2e%2e/etc/passwd',
    'app://portside/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://portside/..%5c..%5cwindows%5cwin.ini',
    'app://portside/index.html%00.png',
    'app://portside/%E0%A4%A',
    'app://elsewhere/index.html',
    'https://portside/index.html',
    'file:///etc/passwd',
  ])('never serves anything outside the folder for %s', (url) => {
    const asset = resolveAppAsset(root, url);
    // Either refused outright, or (where URL parsing already dropped the `..` segments at
    // the root, as a browser does) kept inside the folder.
    if (asset !== null) expect(asset.path.startsWith(root + sep)).toBe(true);
  });

  it('refuses, rather than rewrites, encoded separators that climb out', () => {
    expect(resolveAppAsset(root, 'app://portside/assets/..%2f..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppAsset(root, 'app://portside/..%5c..%5cwin.ini')).toBeNull();
  });
});
