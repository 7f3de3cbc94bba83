import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor } from '../common/content-types.js';
import { resolveStaticPath } from './static-files.js';

const ROOT = resolve('/srv/portside/renderer');

describe('resolveStaticPath', () => {
  it('maps / to index.html and plain paths into the folder', () => {
    expect(resolveStaticPath(ROOT, '/')).toBe(join(ROOT, 'index.html'));
    expect(resolveStaticPath(ROOT, '/assets/app-1a2b.js')).toBe(
      join(ROOT, 'assets', 'app-1a2b.js'),
    );
    expect(resolveStaticPath(ROOT, '/assets//x%20y.css')).toBe(join(ROOT, 'assets', 'x y.css'));
  });

  it.each([
    '/..',
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2e/package.json',
    '/..%2fpackage.json',
    '/..%5cpackage.json',
    '/assets/../../x',
    '/./index.html',
    '/%00',
    '/a%5cb',
    '/C:/x',
    '/%',
    'index.html',
    'http://evil.example/',
  ])('refuses %s', (path) => {
    expect(resolveStaticPath(ROOT, path)).toBeUndefined();
  });
});

describe('contentTypeFor', () => {
  it('names the types the renderer ships, and nothing is guessed', () => {
    expect(contentTypeFor('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a/app.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a/app.js.map')).toBe('application/json; charset=utf-8');
    expect(contentTypeFor('a/logo.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a/README')).toBe('application/octet-stream');
  });
});
