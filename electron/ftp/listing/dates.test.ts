import { describe, expect, it } from 'vitest';
import { daysInMonth, inferYearTime, monthAt, utcTime } from './dates.js';

describe('utcTime', () => {
  it('agrees with Date.UTC on every day from 1899 to 2101', () => {
    const mismatches: string[] = [];
    for (let year = 1899; year <= 2101; year++) {
      for (let month = 0; month < 12; month++) {
        for (let day = 1; day <= daysInMonth(year, month); day++) {
          if (
            utcTime(year, month, day, 23, 59, 58, 999) !==
            Date.UTC(year, month, day, 23, 59, 58, 999)
          ) {
            mismatches.push(`${year}-${month + 1}-${day}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('gives the epoch and a known leap day', () => {
    expect(utcTime(1970, 0, 1)).toBe(0);
    expect(utcTime(2024, 1, 29, 12)).toBe(1_709_208_000_000);
  });
});

describe('daysInMonth', () => {
  it('knows leap years, including the century rules', () => {
    expect([2023, 2024, 1900, 2000, 2100].map((y) => daysInMonth(y, 1))).toEqual([
      28, 29, 28, 29, 28,
    ]);
    expect(daysInMonth(2024, 10)).toBe(30);
  });
});

describe('monthAt', () => {
  it('reads English abbreviations in any case and nothing else', () => {
    expect(['Jan', 'dec', 'NOV', 'Okt', 'Ja', 'Déc', 'J\u0100n'].map((m) => monthAt(m, 0))).toEqual(
      [0, 11, 10, -1, -1, -1, -1],
    );
  });
});

describe('inferYearTime', () => {
  it('goes back past 2100, which has no Feb 29, to 2096', () => {
    const now = new Date(Date.UTC(2103, 5, 1));
    expect(inferYearTime(1, 29, 0, 0, now)).toBe(Date.UTC(2096, 1, 29));
  });
});
