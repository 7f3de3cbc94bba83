import { FtpError } from './errors.js';

/**
 * Builds a command line. Any CR, LF or NUL in the verb or the argument is refused before a
 * byte reaches the socket: a file name from a hostile listing, a URL with %0d%0a or a
 * crafted IPC payload must never smuggle a second command onto the control connection.
 * The argument is otherwise sent exactly as given (leading/trailing spaces, a leading dash,
 * `*` and `?` are all legal in file names and are not trimmed or escaped).
 */
export function formatCommand(verb: string, argument?: string): string {
  assertSafeArgument(verb, 'command');
  if (argument === undefined) return verb;
  assertSafeArgument(argument, 'argument');
  return `${verb} ${argument}`;
}

export function assertSafeArgument(value: string, what = 'argument'): void {
  if (/[\r\n\0]/.test(value)) {
    throw new FtpError(
      'invalid-argument',
      `Refused to send a ${what} containing a line break or NUL character: ${JSON.stringify(value)}`,
    );
  }
}

/** How a command appears in the log: the password never does (DESIGN.md). */
export function commandForLog(command: string): string {
  const verb = command.split(' ', 1)[0]?.toUpperCase();
  if (verb === 'PASS' || verb === 'ACCT') return `${verb} ${'*'.repeat(8)}`;
  return command;
}
