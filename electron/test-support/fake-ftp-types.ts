// Public types of the fake FTP server. See fake-ftp-server.ts for how to use the knobs.
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** Commands that move data over a data connection; data faults are keyed by these. */
export type DataVerb = 'RETR' | 'STOR' | 'APPE' | 'LIST' | 'NLST' | 'MLSD';

/** Ways one kind of transfer misbehaves. Unset fields behave normally. */
export interface DataFaults {
  /** Destroy the data socket once this many bytes have been sent (RETR/LIST…) or received (STOR/APPE). */
  readonly cutAfterBytes?: number;
  /**
   * Send (or, for uploads, read) this many bytes, then nothing: the data socket stays open and
   * no reply comes until ABOR (426, then 226) or the client closes the data connection (426).
   */
  readonly stallAfterBytes?: number;
  /**
   * The final reply instead of '226 Transfer complete.', e.g. '426 …', '451 …', '552 …';
   * null sends none. With cutAfterBytes / stallAfterBytes the default is none.
   */
  readonly finalReply?: string | null;
  /** With PROT P: end the data stream by closing the TCP socket, without a TLS close_notify. */
  readonly noCloseNotify?: boolean;
}

export interface FakeTlsOptions {
  readonly key: string;
  readonly cert: string;
  /** Implicit FTPS: TLS starts before the greeting. */
  readonly implicit?: boolean;
  /**
   * Like vsftpd's require_ssl_reuse: a data connection whose TLS session was not resumed from
   * the control connection's gets '522 SSL connection failed: session reuse required'.
   */
  readonly requireSessionReuse?: boolean;
  /** Cap the TLS version, e.g. 'TLSv1.2' to test session reuse through TLS 1.2 tickets. */
  readonly maxVersion?: 'TLSv1.2' | 'TLSv1.3';
}

export interface FakeFtpServerOptions {
  readonly user?: string;
  readonly password?: string;
  readonly allowAnonymous?: boolean;
  /** When set, a correct PASS gets '332 Need account for login.' and ACCT must send this. */
  readonly account?: string;
  /** Default '220 Fake FTP ready'; null never greets. */
  readonly greeting?: string | null;
  readonly features?: readonly string[];
  readonly tls?: FakeTlsOptions;
  readonly files?: Readonly<Record<string, Buffer | string>>;
  readonly listing?: 'unix' | 'dos';
  /** Address named in 227 replies (the data listener still listens on 127.0.0.1). */
  readonly pasvHost?: string;
  readonly handlers?: Partial<Record<string, CommandHandler>>;
  /** Reply to a verb after N ms, or 'never'. Key 'GREETING' delays the greeting. */
  readonly delays?: Readonly<Partial<Record<string, number | 'never'>>>;
  /** Control connections allowed at once; the next one gets '421 Too many connections'. */
  readonly maxConnections?: number;
  readonly dataFaults?: Readonly<Partial<Record<DataVerb, DataFaults>>>;
  /** Answer 350 to REST but transfer from byte 0 anyway. */
  readonly ignoreRest?: boolean;
  /**
   * What the port in a PASV/EPSV reply does: 'normal'; 'closed' (nothing listens there, so
   * connecting is refused); 'silent' (accepts and then never sends nor closes).
   */
  readonly passiveDataPort?: 'normal' | 'closed' | 'silent';
  /** How long the server waits for a data connection or a data TLS handshake. Default 10 000. */
  readonly dataTimeoutMs?: number;
}

export type CommandHandler = (ctx: CommandContext) => void | Promise<void>;

export interface CommandContext {
  readonly verb: string;
  readonly arg: string;
  readonly session: FakeSession;
  /** Aborted when ABOR interrupts this command's transfer or the control connection closes. */
  readonly signal: AbortSignal;
  /** Writes line + CRLF; pass multi-line text with \r\n inside. */
  reply(line: string): void;
  writeRaw(data: string | Buffer): void;
  /**
   * The data socket for the pending PASV/EPSV/PORT/EPRT, TLS-wrapped when PROT P. On failure it
   * has already answered (425, or 522 for a refused TLS session) and rejects.
   */
  openData(): Promise<Socket | TLSSocket>;
  /** Does what the server would normally do for this command. */
  defaultHandler(): Promise<void>;
  /** Starts the TLS handshake on the control connection (after your own 234 reply). */
  upgradeToTls(): Promise<void>;
  /** Drops the control connection. */
  close(): void;
}

export interface FakeSession {
  /** 1-based, in order of connection. */
  readonly id: number;
  readonly remoteAddress: string;
  readonly user: string | null;
  readonly loggedIn: boolean;
  readonly cwd: string;
  readonly transferType: 'A' | 'I';
  readonly restOffset: number;
  /** The control connection is TLS. */
  readonly secure: boolean;
  /** PROT P is in effect. */
  readonly protectData: boolean;
  /** This session's command lines. */
  readonly commands: readonly string[];
}

/** Where a PORT or EPRT told the server to connect. */
export interface ActiveTarget {
  readonly command: 'PORT' | 'EPRT';
  readonly host: string;
  readonly port: number;
}

export interface FakeFtpServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Every command line received, all sessions, in order, without CRLF; PASS verbatim. */
  readonly commands: readonly string[];
  /** The live tree (uploads land here). */
  readonly files: Map<string, Buffer>;
  /** Data connections established (passive accepted or active connected). */
  readonly dataConnections: number;
  /** Control connections accepted, including ones turned away with 421. */
  readonly controlConnections: number;
  readonly sessions: readonly FakeSession[];
  readonly activeTargets: readonly ActiveTarget[];
  /** Resolves with the first matching line, including lines already received. */
  waitForCommand(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}
