import type { RemoteEntry } from '../../../shared/models/remote-entry.js';

export type ListingParserName = 'unix' | 'dos' | 'mlsd';

/** One listing format. Parsers are pure and never throw on bad input. */
export interface ListingParser {
  readonly name: ListingParserName;
  /** Cheap check used to pick a parser for a LIST reply: does this line look like our format? */
  testLine(line: string): boolean;
  /** The entry the line describes, or undefined when this parser cannot read the line. */
  parseLine(line: string, now: Date): RemoteEntry | undefined;
  /**
   * True for lines that are valid in this format but describe no entry: `total 12` in
   * `ls -l` output, `type=cdir`/`type=pdir` in MLSD. Only asked about lines `parseLine`
   * refused, so it may be slower than `parseLine`.
   */
  isNoise(line: string): boolean;
}

export interface ListingOptions {
  /** 'mlsd' for an MLSD reply (RFC 3659), 'list' for LIST, whose format is guessed. */
  readonly format: 'mlsd' | 'list';
  /** The clock that `ls` year-less dates are read against; defaults to the current time. */
  readonly now?: Date;
}

export interface ListingResult {
  readonly entries: readonly RemoteEntry[];
  /** Meaningful lines no parser could read, verbatim, for the log. */
  readonly unparsed: readonly string[];
  /** Names refused by `isSafeEntryName`, for the log; never returned as entries. */
  readonly dropped: readonly string[];
  /** The parser used; 'none' when no line of a LIST reply looked like a known format. */
  readonly parser: ListingParserName | 'none';
}
