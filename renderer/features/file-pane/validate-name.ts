/**
 * Checks a name typed for a new folder or a rename: one path component, nothing the
 * contract would refuse anyway (CR, LF, NUL). Spaces are kept as typed (a name may
 * legitimately start or end with one; issue 9 item 6). Returns a message, or null.
 */
export function nameProblem(name: string, separators: readonly string[]): string | null {
  if (name === '') return 'Enter a name.';
  if (name === '.' || name === '..') return `"${name}" is not a valid name.`;
  if (/[\r\n\0]/.test(name)) return 'A name cannot contain line breaks.';
  for (const separator of separators) {
    if (name.includes(separator)) return `A name cannot contain "${separator}".`;
  }
  return null;
}
