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

// Owner, group and permission strings repeat from line to line. Returning the previous
// line's string when the text is the same keeps a 100,000-entry listing from holding
// 300,000 extra small strings, which is most of the garbage collector's work in a parse.
const recent: (string | undefined)[] = [];
/** Longer substrings may share the whole listing's memory (V8 sliced strings): not kept. */
const MAX_SHARED_LENGTH = 12;

/**
 * `text.slice(start, end)`, or an equal string returned before for the same `kind` (a
 * small number naming the field). Strings are immutable, so sharing them is invisible.
 */
export function sliceShared(text: string, start: number, end: number, kind: number): string {
  // The slice below is short-lived when it is not kept, which costs the collector little.
  const value = text.slice(start, end);
  const previous = recent[kind];
  if (previous === value) return previous;
  if (value.length <= MAX_SHARED_LENGTH) recent[kind] = value;
  return value;
}
