import { describe, expect, it } from 'vitest';
import { inertText } from './inert-text.js';

describe('inertText', () => {
  it('leaves ordinary names alone, HTML included (React renders it as text)', () => {
    expect(inertText('report 2024 (final).pdf')).toBe('report 2024 (final).pdf');
    expect(inertText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(inertText('naïve café 日本語')).toBe('naïve café 日本語');
  });

  it('shows bidi overrides and isolates as escapes', () => {
    expect(inertText('invoice\u202Efdp.exe')).toBe('invoice\\u202efdp.exe');
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(inertText(`a${String.fromCharCode(code)}b`)).toBe(`a\\u${code.toString(16)}b`);
    }
  });

  it('shows control characters as escapes', () => {
    expect(inertText('line\r\nbreak')).toBe('line\\u000d\\u000abreak');
    expect(inertText('nul\0bell\x07esc\x1bdel\x7f')).toBe(
      'nul\\u0000bell\\u0007esc\\u001bdel\\u007f',
    );
    expect(inertText('c1\u0085')).toBe('c1\\u0085');
  });

  it('gives the same answer on repeated calls (no regex state leaks)', () => {
    expect(inertText('a\u202Eb')).toBe('a\\u202eb');
    expect(inertText('a\u202Eb')).toBe('a\\u202eb');
    expect(inertText('plain')).toBe('plain');
  });
});
