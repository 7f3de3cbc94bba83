import { createHash } from 'node:crypto';

/**
 * The local file system's naming rules that matter for names coming from a server (issue 9
 * item 9). 'windows' is NTFS/FAT as seen through the Win32 API; 'posix' is Linux and macOS,
 * where any name without '/' or NUL is legal (those two never get here: listings drop them).
 */
export type LocalPlatform = 'windows' | 'posix';

export function hostPlatform(): LocalPlatform {
  return process.platform === 'win32' ? 'windows' : 'posix';
}

/** Longest name Windows accepts, in UTF-16 code units (MAX_COMPONENT_LENGTH of NTFS). */
const WINDOWS_MAX_NAME = 255;
/** Longest name most Linux and macOS file systems accept, in UTF-8 bytes (NAME_MAX). */
export const POSIX_MAX_NAME_BYTES = 255;

/**
 * Device names Win32 opens instead of a file, with or without an extension ("NUL.txt" is
 * the null device too). COM¹ ² ³ and LPT¹ ² ³ are on Microsoft's list as well.
 */
const WINDOWS_DEVICE = /^(CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³]|CONIN\$|CONOUT\$)$/i;

/**
 * The name to write locally for a remote `name`. On POSIX it is the name itself. On
 * Windows the name is renamed by fixed rules, so the same remote name always lands under
 * the same local name and a person can tell what it was:
 *  - `< > : " | ? *` and control characters (U+0000–U+001F) become `_`;
 *  - a trailing dot or space (which Win32 silently strips) becomes `_`: `a.` → `a_`;
 *  - a device name gets a leading `_`: `CON` → `_CON`, `nul.txt` → `_nul.txt`;
 *  - a name over 255 UTF-16 units is cut, keeping a short extension, with `~` and eight hex
 *    digits of its SHA-256 before it, so two long names that share a start stay apart.
 * Two remote names can still map to one local name (`a.` and `a_`); the queue's
 * file-exists rules handle that as for any existing file.
 */
export function localNameFor(name: string, platform: LocalPlatform): string {
  if (platform === 'posix') return name;
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  let result = name.replace(/[<>:"|?*\u0000-\u001f]/g, '_');
  result = result.replace(/[. ]+$/, (tail) => '_'.repeat(tail.length));
  const stem = result.split('.', 1)[0] ?? result;
  if (WINDOWS_DEVICE.test(stem.trimEnd())) result = `_${result}`;
  return result.length > WINDOWS_MAX_NAME ? shortened(result, name) : result;
}

function shortened(name: string, original: string): string {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const mark = `~${createHash('sha256').update(original).digest('hex').slice(0, 8)}`;
  let stem = name.slice(0, WINDOWS_MAX_NAME - mark.length - extension.length);
  // Do not end on half a surrogate pair: that would be an unpaired surrogate on disk.
  if (/[\ud800-\udbff]$/.test(stem)) stem = stem.slice(0, -1);
  return `${stem}${mark}${extension}`;
}
