import type { DoctorStep } from '../../../shared/models/doctor.js';
import type { Encryption, ListingCommand, TransferMode } from '../../../shared/models/site.js';
import type { LogSink } from '../../ftp/log.js';
import type { TlsOptions } from '../../ftp/tls.js';

/** Every address a name resolves to; injectable so tests need no DNS. */
export type Resolver = (
  host: string,
) => Promise<readonly { readonly address: string; readonly family: number }[]>;

/** The server to diagnose and the settings it is used with today. */
export interface DoctorTarget {
  readonly host: string;
  readonly port?: number | undefined;
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  readonly encryption: Encryption;
  readonly transferMode: TransferMode;
  readonly listingCommand?: ListingCommand | undefined;
}

export interface DoctorOptions {
  readonly target: DoctorTarget;
  /** Extra CAs and the trust decision for an untrusted certificate, as for a session. */
  readonly tlsOptions?: TlsOptions | undefined;
  /** Connect, reply and data timeout of every probe. */
  readonly timeoutMs: number;
  /**
   * Step 7 stops after this many connections at once (the "simultaneous transfers"
   * setting's maximum): more would never be used, and hammering a server is rude.
   */
  readonly connectionLimit: number;
  readonly resolve?: Resolver | undefined;
  /** Every Status/Command/Response/Error line of every probe, in order. */
  readonly log?: LogSink | undefined;
  /** A step started or changed. */
  readonly onStep?: ((step: DoctorStep) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
}
