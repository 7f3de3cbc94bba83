import type { Reply } from './reply-parser.js';

/** What the server said it can do in its FEAT reply (RFC 2389), parsed once per connection. */
export interface Features {
  /** Upper-cased feature names mapped to their parameters ('' when none). */
  readonly raw: ReadonlyMap<string, string>;
  readonly mlst: boolean;
  readonly utf8: boolean;
  readonly size: boolean;
  readonly mdtm: boolean;
  readonly mfmt: boolean;
  readonly restStream: boolean;
  readonly epsv: boolean;
  readonly authTls: boolean;
}

export const NO_FEATURES: Features = parseFeatures(undefined);

/**
 * RFC 2389 says feature lines start with a space between `211-` and `211 `; servers vary
 * (some indent with more spaces, some echo `211-` on every line as in the reference log),
 * so each inner line is trimmed of an optional `211-` and whitespace.
 */
export function parseFeatures(reply: Reply | undefined): Features {
  const raw = new Map<string, string>();
  if (reply !== undefined && reply.code === 211) {
    for (const line of reply.lines.slice(1, -1)) {
      const text = line.replace(/^211-/, '').trim();
      if (text === '') continue;
      const space = text.indexOf(' ');
      const name = (space === -1 ? text : text.slice(0, space)).toUpperCase();
      raw.set(name, space === -1 ? '' : text.slice(space + 1).trim());
    }
  }
  const auth = raw.get('AUTH')?.toUpperCase() ?? '';
  return {
    raw,
    mlst: raw.has('MLST'),
    utf8: raw.has('UTF8'),
    size: raw.has('SIZE'),
    mdtm: raw.has('MDTM'),
    mfmt: raw.has('MFMT'),
    restStream: raw.get('REST')?.toUpperCase() === 'STREAM',
    epsv: raw.has('EPSV'),
    authTls: auth.split(/[\s;]+/).includes('TLS'),
  };
}
