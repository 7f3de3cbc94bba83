import type { ReactNode } from 'react';
import { segmentText } from '../text/escape-controls.js';
import './inert-text.css';

export interface InertTextProps {
  /** Anything from a server or a disk: a file name, a log line, a certificate subject. */
  readonly text: string;
  /** Case-insensitive: every occurrence (in the text as shown) is marked. */
  readonly highlight?: string | undefined;
}

/**
 * Untrusted text as inert React text: never HTML, control and bidi characters spelled
 * out (styled apart, so "\u202E" typed by a server is not mistaken for an escape we made:
 * ours have a box). Wrapped in <bdi> so right-to-left text cannot reorder what is beside it.
 */
export function InertText({ text, highlight }: InertTextProps) {
  const segments = segmentText(text);
  const shown = segments.map((s) => s.text).join('');
  const ranges = findRanges(shown, highlight);
  const nodes: ReactNode[] = [];
  let offset = 0;
  let key = 0;
  for (const segment of segments) {
    const end = offset + segment.text.length;
    for (const [from, to, marked] of cut(offset, end, ranges)) {
      const piece = segment.text.slice(from - offset, to - offset);
      let node: ReactNode = segment.escaped ? (
        <span className="inert-escape" key={key++}>
          {piece}
        </span>
      ) : (
        piece
      );
      if (marked) node = <mark key={key++}>{node}</mark>;
      nodes.push(node);
    }
    offset = end;
  }
  return <bdi className="inert-text">{nodes}</bdi>;
}

function findRanges(text: string, query: string | undefined): [number, number][] {
  if (query === undefined || query === '') return [];
  const haystack = text.toLowerCase();
  const needle = query.toLowerCase();
  const ranges: [number, number][] = [];
  for (
    let at = haystack.indexOf(needle);
    at !== -1;
    at = haystack.indexOf(needle, at + needle.length)
  ) {
    ranges.push([at, at + needle.length]);
  }
  return ranges;
}

/** [from, to) split at the range boundaries, each piece flagged whether it is inside a range. */
function cut(
  from: number,
  to: number,
  ranges: readonly [number, number][],
): [number, number, boolean][] {
  const pieces: [number, number, boolean][] = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= at || start >= to) continue;
    if (start > at) pieces.push([at, start, false]);
    const stop = Math.min(end, to);
    pieces.push([Math.max(start, at), stop, true]);
    at = stop;
  }
  if (at < to) pieces.push([at, to, false]);
  return pieces;
}
