// Public API of the listing parsers: the engine calls parseListing on the text of an MLSD
// or LIST transfer; isSafeEntryName guards any other place a remote name becomes a path.
export { parseListing } from './parse-listing.js';
export { isSafeEntryName } from './safe-name.js';
export { unixParser } from './unix.js';
export { dosParser } from './dos.js';
export { mlsdParser } from './mlsd.js';
export type { ListingOptions, ListingParser, ListingParserName, ListingResult } from './types.js';
