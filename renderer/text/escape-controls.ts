/**
 * Characters that are invisible or rearrange what is around them: C0/C1 controls, bidi
 * embeddings, overrides and isolates (U+202E turns "gpj.exe" into "exe.jpg" on screen),
 * zero-width and other invisible formatters, line/paragraph separators. A file name or a
 * server's reply is shown with each of them spelled out as \uXXXX, so what the user reads
 * is what is there (issue 9, item 10).
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const UNSAFE =
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g;
/* eslint-enable no-control-regex */

export interface TextSegment {
  /** What is shown: the text itself, or the escape for one unsafe character. */
  readonly text: string;
  readonly escaped: boolean;
}

export function escapeSequence(char: string): string {
  return `\\u${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text with every unsafe character replaced by its escape (for copying and searching). */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeSequence);
}

export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}

/** The text split into plain runs and escapes, in order; their `text`s join to escapeControls(text). */
export function segmentText(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(UNSAFE)) {
    if (match.index > last) segments.push({ text: text.slice(last, match.index), escaped: false });
    segments.push({ text: escapeSequence(match[0]), escaped: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), escaped: false });
  return segments;
}
