/**
 * The control-connection reply parser: a pure function over buffered text.
 *
 * RFC 959 §4.2: a reply is `ddd text` on one line, or a multi-line reply that starts with
 * `ddd-` and ends with a line that starts with the same `ddd ` (lines in between may be
 * anything, including lines that start with other digits). Servers in the wild end lines
 * with LF only (some IIS and embedded servers), so LF alone is accepted.
 */
export interface Reply {
  readonly code: number;
  /** Every line of the reply, without line ends, as the server sent them. */
  readonly lines: readonly string[];
  /** The lines joined with '\n'. */
  readonly message: string;
}

export type ParseOutcome =
  | { readonly ok: true; readonly replies: readonly Reply[]; readonly rest: string }
  | { readonly ok: false; readonly error: string };

/** A reply (all its lines) may not exceed this: a server streaming an endless reply is cut off. */
export const MAX_REPLY_LENGTH = 64 * 1024;

const REPLY_START = /^([1-5]\d\d)([ -])/;

export function parseReplies(buffer: string): ParseOutcome {
  if (buffer.includes('\0')) return { ok: false, error: 'The server sent a NUL byte in a reply' };
  const replies: Reply[] = [];
  let position = 0;
  let pending: { code: string; lines: string[]; start: number } | undefined;
  for (;;) {
    const newline = buffer.indexOf('\n', position);
    if (newline === -1) break;
    const end = newline > position && buffer.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    const line = buffer.slice(position, end);
    const lineStart = position;
    position = newline + 1;
    // Checked for every complete line, not only for an unfinished tail: a 100 KiB line that
    // arrived whole (or ended within the next read) used to be accepted (issue 9 item 12),
    // and so was a multi-line reply whose closing line took it over the limit.
    if (position - (pending?.start ?? lineStart) > MAX_REPLY_LENGTH) {
      return { ok: false, error: 'The server sent a reply longer than 64 KiB' };
    }
    if (pending === undefined) {
      const match = REPLY_START.exec(line);
      if (match === null) {
        return { ok: false, error: `The server sent a malformed reply: ${quote(line)}` };
      }
      const code = match[1] as string;
      if (match[2] === ' ') {
        replies.push(makeReply(code, [line]));
      } else {
        pending = { code, lines: [line], start: lineStart };
      }
      continue;
    }
    pending.lines.push(line);
    if (line.length >= 4 && line.startsWith(pending.code) && line[3] === ' ') {
      replies.push(makeReply(pending.code, pending.lines));
      pending = undefined;
    }
  }
  const restStart = pending === undefined ? position : pending.start;
  const rest = buffer.slice(restStart);
  if (rest.length > MAX_REPLY_LENGTH) {
    return { ok: false, error: 'The server sent a reply longer than 64 KiB' };
  }
  return { ok: true, replies, rest };
}

function makeReply(code: string, lines: string[]): Reply {
  return { code: Number(code), lines, message: lines.join('\n') };
}

function quote(line: string): string {
  const shown = line.length > 80 ? `${line.slice(0, 80)}…` : line;
  return JSON.stringify(shown);
}

export const isPreliminary = (reply: Reply): boolean => reply.code >= 100 && reply.code < 200;
export const isPositive = (reply: Reply): boolean => reply.code >= 200 && reply.code < 300;
export const isIntermediate = (reply: Reply): boolean => reply.code >= 300 && reply.code < 400;
