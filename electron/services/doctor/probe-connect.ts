import { FtpClient } from '../../ftp/client.js';
import type { ConnectOptions, TlsMode } from '../../ftp/connect-options.js';
import type { DataMethod } from '../../ftp/data-connector.js';
import { FtpError } from '../../ftp/errors.js';
import type { LogSink } from '../../ftp/log.js';
import type { CertificateInfo, TlsOptions } from '../../ftp/tls.js';
import type { DoctorTarget } from './doctor-types.js';

/** Where a connection attempt stopped, read from the last command it sent. */
export type ProbeStage =
  | 'connect'
  | 'greeting'
  | 'tls-handshake'
  | 'auth-tls'
  | 'user'
  | 'pass'
  | 'acct'
  | 'protect'
  | 'setup';

export type ProbeResult =
  | {
      readonly ok: true;
      readonly client: FtpClient;
      readonly untrusted: CertificateInfo | undefined;
    }
  | {
      readonly ok: false;
      readonly error: FtpError;
      readonly stage: ProbeStage;
      readonly untrusted: CertificateInfo | undefined;
    };

export interface ProbeSettings {
  readonly target: DoctorTarget;
  /** The address the TCP step reached; `target.host` still names the server for TLS. */
  readonly address: string;
  readonly tlsOptions: TlsOptions | undefined;
  readonly timeoutMs: number;
  readonly log: LogSink;
  readonly signal?: AbortSignal | undefined;
}

export interface ProbeChoice {
  readonly tls: TlsMode;
  readonly port: number;
  readonly dataMethod?: DataMethod | undefined;
}

export function probeOptions(settings: ProbeSettings, choice: ProbeChoice): ConnectOptions {
  const { target, timeoutMs } = settings;
  return {
    host: target.host,
    address: settings.address,
    port: choice.port,
    user: target.user,
    password: target.password,
    tls: choice.tls,
    tlsOptions: settings.tlsOptions,
    mode: choice.dataMethod === 'PORT' || choice.dataMethod === 'EPRT' ? 'active' : 'passive',
    dataMethod: choice.dataMethod,
    fallback: false,
    timeouts: { connectMs: timeoutMs, replyMs: timeoutMs, dataMs: timeoutMs },
    signal: settings.signal,
  };
}

/**
 * Connects and logs in once with the given encryption, and says where it stopped when it
 * fails: the engine's errors say what happened, the stage says which step it belongs to
 * (a 530 after USER is the account, after PASS the password or the account).
 */
export async function probeConnect(
  settings: ProbeSettings,
  choice: ProbeChoice,
): Promise<ProbeResult> {
  let lastCommand: string | undefined;
  let untrusted: CertificateInfo | undefined;
  const sink: LogSink = (event) => {
    if (event.kind === 'command') lastCommand = event.text;
    settings.log(event);
  };
  const base = settings.tlsOptions ?? {};
  const tlsOptions: TlsOptions = {
    ...base,
    trust: async (certificate) => {
      untrusted = certificate;
      return base.trust === undefined ? false : base.trust(certificate);
    },
  };
  try {
    const client = await FtpClient.connect({
      ...probeOptions({ ...settings, tlsOptions }, choice),
      log: sink,
    });
    return { ok: true, client, untrusted };
  } catch (error) {
    const failure = error instanceof FtpError ? error : new FtpError('network', String(error));
    return { ok: false, error: failure, stage: stageOf(lastCommand, failure), untrusted };
  }
}

function stageOf(lastCommand: string | undefined, error: FtpError): ProbeStage {
  if (lastCommand === undefined) {
    if (error.code === 'tls') return 'tls-handshake';
    return error.reply === undefined ? 'connect' : 'greeting';
  }
  const verb = lastCommand.split(' ', 1)[0]?.toUpperCase();
  switch (verb) {
    case 'AUTH':
      return error.reply === undefined ? 'tls-handshake' : 'auth-tls';
    case 'USER':
      return 'user';
    case 'PASS':
      return 'pass';
    case 'ACCT':
      return 'acct';
    case 'PBSZ':
    case 'PROT':
      return 'protect';
    default:
      return 'setup';
  }
}
