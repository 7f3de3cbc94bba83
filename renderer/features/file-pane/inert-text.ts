/**
 * Names come from servers and disks we do not control. React already renders them as text
 * (never HTML), but some characters still mislead when shown: C0/C1 controls (a CR or an
 * ESC in a name), and the Unicode bidi controls that reorder what follows them — the
 * "Trojan Source" trick, where `invoice\u202Efdp.exe` displays as `invoiceexe.pdf`. Those are
 * shown as visible `\uXXXX` escapes instead, so what the user sees is what the name is.
 *
 * Escaped: U+0000–U+001F, U+007F–U+009F, the bidi embeddings and overrides U+202A–U+202E,
 * the isolates U+2066–U+2069, and the invisible marks U+200E/U+200F/U+061C and line/
 * paragraph separators U+2028/U+2029 (they break a row's single line or steer direction).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function inertText(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
