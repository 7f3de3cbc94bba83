import { describe, expect, it } from 'vitest';
import { escapeControls, segmentText } from './escape-controls.js';

describe('security 9.10: escapeControls spells out what would act instead of show', () => {
  it('spells out bidi overrides, controls and invisible characters', () => {
    expect(escapeControls('photo\u202Egpj.exe')).toBe('photo\\u202Egpj.exe');
    expect(escapeControls('a\u0000b\u001bc\u007f')).toBe('a\\u0000b\\u001Bc\\u007F');
    expect(escapeControls('zero\u200Bwidth\uFEFF')).toBe('zero\\u200Bwidth\\uFEFF');
    expect(escapeControls('tab\there')).toBe('tab\\u0009here');
  });

  it('leaves ordinary text alone, including other scripts and emoji', () => {
    const text = 'Résumé 文件 ملف 📁 <b>bold</b> & "quotes"';
    expect(escapeControls(text)).toBe(text);
  });

  it('splits into plain runs and escapes that join to the escaped text', () => {
    const segments = segmentText('a\u202Eb');
    expect(segments).toEqual([
      { text: 'a', escaped: false },
      { text: '\\u202E', escaped: true },
      { text: 'b', escaped: false },
    ]);
  });
});
