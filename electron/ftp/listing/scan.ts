// Small string helpers shared by the listing parsers. They read char codes at offsets, so
// a line is not cut into substrings just to look at a field.

/** Reads `count` ASCII digits at `start` as a number, or -1 if any is not a digit. */
export function readDigits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (!(d >= 0 && d <= 9)) return -1; // written this way so NaN (past the end) fails too
    value = value * 10 + d;
  }
  return value;
}

/** True when every character of `text[start, end)` is an ASCII digit and the range is not empty. */
export function isDigits(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** The non-negative integer written in the ASCII digits `text[start, end)` (checked by the caller). */
export function readNumber(text: string, start: number, end: number): number {
  // Up to 15 digits the sum is exact; beyond that let Number() round like any other parse.
  if (end - start > 15) return Number(text.slice(start, end));
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + text.charCodeAt(i) - 0x30;
  return value;
}
