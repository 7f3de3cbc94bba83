// DOS style LIST output, as sent by Microsoft IIS (the default "MS-DOS" directory listing
// style) and servers that imitate it:
//
//   02-27-24  03:04PM       <DIR>          Folder name
//   02-27-24  03:04PM                 1234 file.txt
//   05-17-2007  07:58PM       <DIR>          muntemp      (IIS "FourDigitYears" option)
//   05-27-11  09:31       <DIR>          3                (24-hour clock)
//
// IIS writes fixed columns: the size is right-aligned to end two characters before the
// name, and `<DIR>` is followed by exactly ten spaces, so leading spaces of a name survive.
// There is no owner, group or permission information in this format.
import type { RemoteEntry } from '../../../shared/models/remote-entry.js';
import { daysInMonth, utcTime } from './dates.js';
import type { ListingParser } from './types.js';

// Anchored, and no two neighbouring quantifiers can match the same characters, so even a
// hostile line (a megabyte of blanks) fails in linear time.
const TEST = /^\d{2}-\d{2}-\d{2}(?:\d{2})?[ \t]+\d{1,2}:\d{2}/;
const LINE =
  /^(\d{2})-(\d{2})-(\d{2}|\d{4})[ \t]+(\d{1,2}):(\d{2})(?: ?([AaPp])[Mm])?[ \t]+(?:(<DIR>)|(\d+) )/;

/** IIS pads `<DIR>` with this many spaces, so that names start in the same column as files. */
const DIR_PADDING = '          ';

function parseLine(line: string, _now: Date): RemoteEntry | undefined {
  const m = LINE.exec(line);
  if (m === null) return undefined;
  const [, mm = '', dd = '', yy = '', hh = '', min = '', ampm, dir, sizeText] = m;
  const month = Number(mm) - 1;
  let year = Number(yy);
  // DOS dates start in 1980, so a two-digit year below 80 is in this century.
  if (yy.length === 2) year += year < 80 ? 2000 : 1900;
  const day = Number(dd);
  if (month < 0 || month > 11 || day < 1 || day > daysInMonth(year, month)) return undefined;

  let hour = Number(hh);
  const minute = Number(min);
  if (ampm === undefined) {
    if (hour > 23) return undefined;
  } else {
    if (hour < 1 || hour > 12) return undefined;
    // 12:xxAM is just after midnight, 12:xxPM just after noon.
    hour = (hour % 12) + (ampm === 'P' || ampm === 'p' ? 12 : 0);
  }
  if (minute > 59) return undefined;

  let nameStart = m[0].length;
  if (dir !== undefined) {
    if (line.startsWith(DIR_PADDING, nameStart)) {
      nameStart += DIR_PADDING.length;
    } else {
      // Not IIS's layout: take the name after whatever padding this server uses.
      while (nameStart < line.length && (line[nameStart] === ' ' || line[nameStart] === '\t')) {
        nameStart++;
      }
    }
  }
  const name = line.slice(nameStart);
  if (name === '') return undefined;
  return {
    name,
    kind: dir === undefined ? 'file' : 'directory',
    size: sizeText === undefined ? null : Number(sizeText),
    modified: utcTime(year, month, day, hour, minute),
    permissions: null,
    owner: null,
    group: null,
    linkTarget: null,
  };
}

export const dosParser: ListingParser = {
  name: 'dos',
  testLine: (line) => TEST.test(line),
  parseLine,
  isNoise: () => false,
};
