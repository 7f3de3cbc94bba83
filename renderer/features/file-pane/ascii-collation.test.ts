import { describe, expect, it } from 'vitest';
import { createAsciiCollation, createNameComparer } from './ascii-collation.js';

const options = { numeric: true, sensitivity: 'base' } as const;
const english = new Intl.Collator('en-US', options);

/** A deterministic generator, so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
// Names built mostly from what file names hold, so runs of digits, dots and case differ often.
const LIKELY = 'aAbBzZ0123456789009.-_ ~';

function randomName(next: () => number, alphabet: string): string {
  const length = 1 + Math.floor(next() * 8);
  let name = '';
  for (let i = 0; i < length; i++) name += alphabet[Math.floor(next() * alphabet.length)];
  return name;
}

describe('createNameComparer', () => {
  const fast = createNameComparer(english);
  const slow = (a: string, b: string) => english.compare(a, b);

  it.each([
    ['printable ASCII', ASCII, 1],
    ['file-name characters', LIKELY, 2],
    ['mixed with accents and other scripts', `${LIKELY}éÉ٢ß\u0301`, 3],
  ])('orders random names of %s exactly as the collator does', (_, alphabet, seed) => {
    const next = random(seed);
    for (let n = 0; n < 20_000; n++) {
      const a = randomName(next, alphabet);
      const b = randomName(next, alphabet);
      const expected = Math.sign(slow(a, b));
      if (Math.sign(fast(a, b)) !== expected) {
        expect({ a, b, order: Math.sign(fast(a, b)) }).toEqual({ a, b, order: expected });
      }
    }
  });

  it.each([
    ['printable ASCII', ASCII, 5],
    ['file-name characters', LIKELY, 6],
  ])('gives keys of %s whose plain order is the collator order', (_, alphabet, seed) => {
    const { key } = createAsciiCollation(english);
    const next = random(seed);
    for (let n = 0; n < 20_000; n++) {
      const a = randomName(next, alphabet);
      const b = randomName(next, alphabet);
      const x = key(a) as string;
      const y = key(b) as string;
      const order = x < y ? -1 : x > y ? 1 : 0;
      const expected = Math.sign(slow(a, b));
      if (order !== expected) expect({ a, b, order }).toEqual({ a, b, order: expected });
    }
    expect(key('résumé.pdf')).toBeUndefined();
  });

  it('sorts a folder into the collator order', () => {
    const next = random(4);
    const names = Array.from({ length: 5_000 }, () => randomName(next, LIKELY));
    const tieBreak = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    expect([...names].sort((a, b) => fast(a, b) || tieBreak(a, b))).toEqual(
      [...names].sort((a, b) => slow(a, b) || tieBreak(a, b)),
    );
  });

  it('reads numbers by value and ignores case, as file managers sort', () => {
    const names = ['file10.txt', 'File2.txt', 'file02.txt', 'file1.txt', 'a-b', 'ab', 'a b'];
    expect([...names].sort(fast)).toEqual([
      'a b',
      'a-b',
      'ab',
      'file1.txt',
      'File2.txt',
      'file02.txt',
      'file10.txt',
    ]);
  });

  it('does not call the collator for two ASCII names, and does for others', () => {
    let calls = 0;
    const counting = {
      compare: (a: string, b: string) => (calls++, english.compare(a, b)),
      resolvedOptions: () => english.resolvedOptions(),
    } as Intl.Collator;
    const comparer = createNameComparer(counting);
    calls = 0;
    expect(comparer('report 2.pdf', 'Report 10.pdf')).toBeLessThan(0);
    expect(calls).toBe(0);
    expect(comparer('résumé.pdf', 'resume 2.pdf')).toBe(
      english.compare('résumé.pdf', 'resume 2.pdf'),
    );
    expect(calls).toBe(1);
  });

  it('leaves locales that reorder ASCII to the collator', () => {
    const czech = new Intl.Collator('cs', options);
    const danish = new Intl.Collator('da', options);
    expect(createNameComparer(czech)('chata', 'hrad')).toBeGreaterThan(0);
    expect(createNameComparer(danish)('aarhus', 'zebra')).toBeGreaterThan(0);
  });
});
