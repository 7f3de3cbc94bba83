// Date helpers shared by the listing parsers. Listings carry no time zone (RFC 3659 MLSD
// times are UTC by definition; `ls` and DOS times are the server's local time, which we
// cannot know), so every time is computed as UTC: no Date objects, no local zone.

const DAY_MS = 86_400_000;

/** English `ls` month abbreviations, keyed by their three lower-case char codes. */
const MONTHS: ReadonlyMap<number, number> = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map(
    (m, i) => [monthKey(m, 0), i],
  ),
);

/** Three ASCII chars at `pos`, lower-cased, as one number; -1 if any is not ASCII. */
function monthKey(text: string, pos: number): number {
  const a = text.charCodeAt(pos);
  const b = text.charCodeAt(pos + 1);
  const c = text.charCodeAt(pos + 2);
  if (!(a < 0x80 && b < 0x80 && c < 0x80)) return -1;
  // `| 0x20` lower-cases A-Z and maps no other ASCII char onto a-z.
  return ((a | 0x20) << 16) | ((b | 0x20) << 8) | (c | 0x20);
}

/**
 * 0-based month for the three-letter English abbreviation at `pos` ("Nov", "nov", "NOV"),
 * else -1. Servers running `ls` in another locale ("Okt", "déc") are not understood.
 */
export function monthAt(text: string, pos: number): number {
  return MONTHS.get(monthKey(text, pos)) ?? -1;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 1) return isLeapYear(year) ? 29 : 28;
  return MONTH_DAYS[month] ?? 0;
}

/**
 * Milliseconds since the epoch for a UTC civil time (`month` 0-based), like Date.UTC but
 * plain arithmetic: Date.UTC was a tenth of the time of parsing a large MLSD listing.
 * Days from the civil date: Howard Hinnant's `days_from_civil`
 * (https://howardhinnant.github.io/date_algorithms.html). Years 0-99 are not moved to
 * 1900-1999 as Date.UTC does.
 */
export function utcTime(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  const y = month < 2 ? year - 1 : year; // years start in March, so Feb 29 comes last
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month < 2 ? month + 10 : month - 2) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146_097 + dayOfEra - 719_468;
  return days * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

/**
 * `ls -l` prints "Mon DD HH:MM" for files modified within the last six months and
 * "Mon DD  YYYY" otherwise, so a year-less date is the most recent one that is not in the
 * future. We allow a day of slack because the server's clock and zone differ from ours.
 * Feb 29 only exists in leap years, so it goes back to the latest leap year.
 */
export function inferYearTime(
  month: number,
  day: number,
  hour: number,
  minute: number,
  now: Date,
): number | undefined {
  const limit = now.getTime() + DAY_MS;
  // Start a year ahead: on Dec 31 a server whose clock is already in January is not wrong.
  let year = now.getUTCFullYear() + 1;
  // Ten tries reach a Feb 29 even across 2100, which is not a leap year (an 8-year gap).
  for (let tries = 0; tries < 10; tries++, year--) {
    if (day > daysInMonth(year, month)) continue;
    const time = utcTime(year, month, day, hour, minute);
    if (time <= limit) return time;
  }
  return undefined;
}
