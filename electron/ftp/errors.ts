/**
 * Errors of the engine. Every failure carries a stable `code` that the services and the UI
 * switch on, a message a person can act on, and the original error as `cause`.
 */
export type FtpErrorCode =
  | 'auth' // the server refused the credentials
  | 'network' // connection refused, reset, closed, DNS
  | 'timeout' // nothing came when something was expected
  | 'protocol' // the server said something that does not make sense
  | 'tls' // handshake, certificate or "TLS required" failures
  | 'refused-by-server' // a well-formed 4xx/5xx answer to a command
  | 'local-fs' // reading or writing a local file failed
  | 'cancelled' // the caller aborted
  | 'invalid-argument'; // refused before anything was sent (CR/LF/NUL, bad URL)

export interface FtpErrorOptions {
  readonly cause?: unknown;
  /** The server reply that caused the error, when there is one. */
  readonly reply?: { readonly code: number; readonly message: string };
}

export class FtpError extends Error {
  override readonly name = 'FtpError';
  readonly code: FtpErrorCode;
  readonly reply: { readonly code: number; readonly message: string } | undefined;

  constructor(code: FtpErrorCode, message: string, options: FtpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.reply = options.reply;
  }
}

export function isFtpError(error: unknown, code?: FtpErrorCode): error is FtpError {
  return error instanceof FtpError && (code === undefined || error.code === code);
}

/** Wraps whatever a socket or stream threw into an FtpError, keeping FtpErrors as they are. */
export function toFtpError(error: unknown, fallback: FtpErrorCode, context: string): FtpError {
  if (error instanceof FtpError) return error;
  if (isAbortError(error))
    return new FtpError('cancelled', `${context}: cancelled`, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new FtpError(fallback, `${context}: ${message}`, { cause: error });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
