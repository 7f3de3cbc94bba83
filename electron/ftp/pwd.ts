import { FtpError } from './errors.js';
import type { Reply } from './reply-parser.js';

/**
 * Reads the path from a 257 reply. RFC 959 Appendix II: the path is enclosed in double
 * quotes and a quote inside it is doubled (`257 "/a ""b"" c" is current directory`).
 * Anything else is an error: guessing at a path would send later commands to the wrong place.
 */
export function parsePwdReply(reply: Reply): string {
  const line = reply.lines[0] ?? '';
  const start = line.indexOf('"');
  if (reply.code !== 257 || start === -1) {
    throw new FtpError('protocol', `The server sent an unreadable current directory: ${line}`, {
      reply,
    });
  }
  let path = '';
  for (let i = start + 1; i < line.length; i += 1) {
    const char = line[i];
    if (char !== '"') {
      path += char;
      continue;
    }
    if (line[i + 1] === '"') {
      path += '"';
      i += 1;
      continue;
    }
    if (path === '') break;
    return path;
  }
  throw new FtpError('protocol', `The server sent an unreadable current directory: ${line}`, {
    reply,
  });
}
