/**
 * Whether a name from a remote listing is one plain path component we may join to a local
 * or remote directory. A hostile or broken server could otherwise make a download write
 * outside the target folder: `..`, `a/../../x`, `..\\x` (Windows joins on backslashes too),
 * `C:x` (drive-relative on Windows), or a NUL that truncates the path in native code.
 */
export function isSafeEntryName(name: string): boolean {
  if (name === '' || name === '.' || name === '..') return false;
  if (name.includes('/') || name.includes('\\') || name.includes('\0')) return false;
  return !hasDrivePrefix(name);
}

function hasDrivePrefix(name: string): boolean {
  if (name.length < 2 || name.charCodeAt(1) !== 0x3a /* : */) return false;
  const c = name.charCodeAt(0) | 0x20; // ASCII lower-case
  return c >= 0x61 && c <= 0x7a;
}
