import { describe, expect, it } from 'vitest';
import themeCss from './theme.css?raw';

/**
 * jsdom applies no CSS, so axe cannot check colour contrast in the component tests. This
 * reads the palette itself and checks every text/background pair the UI uses against
 * WCAG 2.2 AA, in both themes: 4.5:1 for text, 3:1 for control outlines and focus rings.
 */
type Theme = 'light' | 'dark';

function palette(css: string): Map<string, Record<Theme, string>> {
  const colours = new Map<string, Record<Theme, string>>();
  const pattern = /--([\w-]+):\s*light-dark\(\s*(#[0-9a-f]{6})\s*,\s*(#[0-9a-f]{6})\s*\)/gi;
  for (const [, name = '', light = '', dark = ''] of css.matchAll(pattern)) {
    colours.set(name.replace(/^color-/, ''), { light, dark });
  }
  return colours;
}

function luminance(hex: string): number {
  const channel = (offset: number): number => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

const TEXT = 4.5;
const NON_TEXT = 3;

const pairs: readonly [foreground: string, backgrounds: readonly string[], minimum: number][] = [
  [
    'text',
    [
      'bg',
      'surface',
      'surface-raised',
      'hover',
      'active',
      'accent-soft',
      'danger-soft',
      'warning-soft',
      'info-soft',
      'highlight',
      'highlight-current',
    ],
    TEXT,
  ],
  ['text-muted', ['bg', 'surface', 'surface-raised', 'accent-soft'], TEXT],
  ['on-accent', ['accent', 'accent-hover'], TEXT],
  ['on-danger', ['danger', 'danger-hover'], TEXT],
  ['danger', ['bg', 'surface-raised', 'danger-soft'], TEXT],
  ['warning-text', ['warning-soft', 'bg'], TEXT],
  ['log-status', ['bg', 'log-selected'], TEXT],
  ['log-command', ['bg', 'log-selected'], TEXT],
  ['log-response', ['bg', 'log-selected'], TEXT],
  ['log-error', ['bg', 'log-selected'], TEXT],
  ['input-border', ['bg', 'surface', 'surface-raised'], NON_TEXT],
  ['focus', ['bg', 'surface', 'surface-raised'], NON_TEXT],
  ['success', ['surface', 'bg'], NON_TEXT],
];

describe('theme palette', () => {
  const colours = palette(themeCss);

  it('defines every colour the checks use, for both themes', () => {
    const names = new Set(pairs.flatMap(([fg, bgs]) => [fg, ...bgs]));
    for (const name of names) expect(colours.has(name), `--color-${name}`).toBe(true);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`meets WCAG AA contrast in the ${theme} theme`, () => {
      const failures: string[] = [];
      for (const [fg, backgrounds, minimum] of pairs) {
        for (const bg of backgrounds) {
          const ratio = contrast(
            colours.get(fg)?.[theme] ?? '#000000',
            colours.get(bg)?.[theme] ?? '#000000',
          );
          if (ratio < minimum) failures.push(`${fg} on ${bg}: ${ratio.toFixed(2)} < ${minimum}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
