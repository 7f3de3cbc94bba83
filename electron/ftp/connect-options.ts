import type { ActiveOptions } from './active.js';
import type { DataMethod, DataMode } from './data-connector.js';
import type { LogSink } from './log.js';
import type { TlsOptions } from './tls.js';

/**
 * auto: explicit TLS when the server offers it, plain (with a loud Status line) when not;
 * explicit / implicit: TLS is required and nothing is ever sent in clear;
 * none: plain FTP, by the user's choice.
 */
export type TlsMode = 'auto' | 'explicit' | 'implicit' | 'none';

export interface Timeouts {
  readonly connectMs: number;
  readonly replyMs: number;
  readonly dataMs: number;
}

export interface ConnectOptions {
  readonly host: string;
  /**
   * Connect to this address instead of resolving `host` (which still names the server for
   * TLS): the connection doctor probes the very address its DNS step found.
   */
  readonly address?: string | undefined;
  /** Default 21, or 990 for implicit TLS. */
  readonly port?: number | undefined;
  /** Default 'anonymous'. */
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  /** Sent only when the server asks for an account (332). */
  readonly account?: string | undefined;
  readonly tls?: TlsMode | undefined;
  readonly tlsOptions?: TlsOptions | undefined;
  readonly mode?: DataMode | undefined;
  /** Fall back to the other data mode when a data connection cannot be set up (default true). */
  readonly fallback?: boolean | undefined;
  readonly trustServerAddress?: boolean | undefined;
  /** Only this data-connection command, no fallback (the connection doctor's probes). */
  readonly dataMethod?: DataMethod | undefined;
  readonly active?: ActiveOptions | undefined;
  /**
   * List with MLSD when FEAT offers it (default true); false lists with `LIST -a` anyway,
   * for a server whose MLSD output is broken (WinSCP's "Use MLSD command for directory
   * listing" and lftp's ftp:use-mlsd are the same switch).
   */
  readonly mlsd?: boolean | undefined;
  readonly timeouts?: Partial<Timeouts> | undefined;
  /** Send NOOP after this long idle; off when absent. */
  readonly keepAliveMs?: number | undefined;
  readonly log?: LogSink | undefined;
  readonly signal?: AbortSignal | undefined;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

export function resolveTimeouts(timeouts: Partial<Timeouts> | undefined): Timeouts {
  return {
    connectMs: timeouts?.connectMs ?? DEFAULT_TIMEOUT_MS,
    replyMs: timeouts?.replyMs ?? DEFAULT_TIMEOUT_MS,
    dataMs: timeouts?.dataMs ?? DEFAULT_TIMEOUT_MS,
  };
}
