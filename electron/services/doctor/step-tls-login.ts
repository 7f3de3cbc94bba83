import type { Encryption } from '../../../shared/models/site.js';
import type { FtpClient } from '../../ftp/client.js';
import type { TlsMode } from '../../ftp/connect-options.js';
import type { FtpError } from '../../ftp/errors.js';
import type { Logger } from '../../ftp/log.js';
import type { CertificateInfo } from '../../ftp/tls.js';
import {
  probeConnect,
  type ProbeChoice,
  type ProbeResult,
  type ProbeSettings,
  type ProbeStage,
} from './probe-connect.js';
import type { StepRecorder } from './step-recorder.js';

export interface SessionOutcome {
  /** Logged in: the connection the next steps use. */
  readonly client: FtpClient | undefined;
  /** How it connected, to reconnect the same way. */
  readonly choice: ProbeChoice | undefined;
  /** The encryption setting that works best, when one does. */
  readonly encryption: Encryption | undefined;
}

/**
 * Steps 3 and 4 share their connections: TLS is negotiated before USER, so one attempt
 * shows both how far encryption got and what the server said to the login. Explicit TLS is
 * tried first (or implicit, when the site uses it); without TLS the password is only sent
 * in clear when the site already does that (plain FTP, or "TLS if available").
 */
export async function checkTlsAndLogin(
  settings: ProbeSettings,
  log: Logger,
  tlsStep: StepRecorder,
  loginStep: StepRecorder,
): Promise<SessionOutcome> {
  const { target } = settings;
  const implicitWanted = target.encryption === 'implicit';
  const port = target.port ?? (implicitWanted ? 990 : 21);
  tlsStep.start(implicitWanted ? `Implicit TLS on port ${port}` : 'Explicit TLS (AUTH TLS)');
  loginStep.start(`Logging in as ${target.user ?? 'anonymous'}`);

  const tlsChoice: ProbeChoice = { tls: implicitWanted ? 'implicit' : 'explicit', port };
  log.status(`Trying ${implicitWanted ? 'implicit' : 'explicit'} TLS...`);
  const secured = await probeConnect(settings, tlsChoice);
  if (secured.ok) {
    reportTls(tlsStep, secured.client, secured.untrusted, tlsChoice.tls);
    passLogin(loginStep, secured.client);
    return {
      client: secured.client,
      choice: tlsChoice,
      encryption: implicitWanted ? 'implicit' : 'explicit',
    };
  }
  if (isLoginStage(secured.stage)) {
    tlsStep.found('TLS', 'ok', 'The server accepted TLS before the login');
    tlsStep.finish('passed', 'TLS works');
    failLogin(loginStep, secured, true);
    return { client: undefined, choice: undefined, encryption: undefined };
  }
  if (secured.stage === 'protect') {
    // The control connection is encrypted but the data would not be: "TLS if available"
    // accepts that (with a loud log line), "require TLS" rightly does not.
    tlsStep.found('PROT P', 'failed', secured.error.message);
    tlsStep.cause(
      'The server encrypts the login but refuses to encrypt file data and listings (PROT P): a server setting. With "Use explicit FTP over TLS if available" Portside connects anyway, with unencrypted data.',
    );
    const auto = await probeConnect(settings, { tls: 'auto', port });
    if (auto.ok) {
      tlsStep.finish('warning', 'Only the control connection can be encrypted');
      passLogin(loginStep, auto.client);
      return {
        client: auto.client,
        choice: { tls: 'auto', port },
        encryption: 'explicit-if-available',
      };
    }
    failLogin(loginStep, auto, true);
    tlsStep.finish('warning', 'Only the control connection can be encrypted');
    return { client: undefined, choice: undefined, encryption: undefined };
  }

  describeTlsFailure(tlsStep, secured, tlsChoice.tls, port);
  // "TLS if available" falls back to plain only when the server does not offer TLS (AUTH TLS
  // refused); a failed handshake or a rejected certificate fails it like required TLS, so
  // only a plain-FTP site may go on in clear then, and it stays plain.
  const notOffered = secured.stage === 'auth-tls';
  const plainAllowed =
    target.encryption === 'none' || (target.encryption === 'explicit-if-available' && notOffered);
  if (!plainAllowed) {
    const required = target.encryption === 'explicit' || target.encryption === 'implicit';
    tlsStep.finish(
      'failed',
      required ? 'TLS does not work, and this site requires it' : 'TLS does not work',
    );
    loginStep.found(
      'Login',
      'info',
      required
        ? 'Not tried: without TLS the password would travel in clear, and this site requires TLS'
        : 'Not tried: this site uses TLS when the server offers it, and the TLS connection failed',
    );
    loginStep.finish('skipped', 'Not tried without encryption');
    return { client: undefined, choice: undefined, encryption: undefined };
  }
  tlsStep.finish('warning', 'TLS does not work: the connection is not encrypted');
  log.status('Trying plain FTP (this site allows unencrypted connections)...');
  const plainChoice: ProbeChoice = { tls: 'none', port };
  const plain = await probeConnect(settings, plainChoice);
  if (!plain.ok) {
    failLogin(loginStep, plain, false);
    return { client: undefined, choice: undefined, encryption: undefined };
  }
  passLogin(loginStep, plain.client);
  return {
    client: plain.client,
    choice: plainChoice,
    // Without TLS on offer, keep asking for it: the connection is encrypted once the server
    // offers it. With broken TLS, "if available" would fail, so the site stays plain.
    encryption: notOffered ? 'explicit-if-available' : 'none',
  };
}

function isLoginStage(stage: ProbeStage): boolean {
  return stage === 'user' || stage === 'pass' || stage === 'acct';
}

function reportTls(
  step: StepRecorder,
  client: FtpClient,
  untrusted: CertificateInfo | undefined,
  mode: TlsMode,
): void {
  const details = client.tls;
  step.found(
    mode === 'implicit' ? 'Implicit TLS' : 'AUTH TLS',
    'ok',
    `Encrypted with ${details?.protocol ?? 'TLS'}`,
  );
  if (details !== undefined) {
    const c = details.certificate;
    step.found(
      'Certificate',
      untrusted === undefined ? 'ok' : 'warning',
      `Subject ${c.subject}; issuer ${c.issuer}; valid ${c.validFrom} to ${c.validTo}; SHA-256 ${c.fingerprint256}` +
        (untrusted === undefined
          ? ''
          : `; not trusted by the system (${untrusted.reason}), accepted by your decision`),
    );
  }
  step.found(
    'PROT P',
    client.protectsData ? 'ok' : 'warning',
    client.protectsData
      ? 'File data and listings are encrypted too'
      : 'The server refused to encrypt file data and listings',
  );
  step.finish(
    untrusted === undefined ? 'passed' : 'warning',
    `TLS works (${details?.protocol ?? 'TLS'})`,
  );
}

function describeTlsFailure(
  step: StepRecorder,
  result: Extract<ProbeResult, { ok: false }>,
  mode: TlsMode,
  port: number,
): void {
  const label = mode === 'implicit' ? 'Implicit TLS' : 'AUTH TLS';
  step.found(label, 'failed', result.error.message);
  if (result.untrusted !== undefined) {
    const c = result.untrusted;
    step.found(
      'Certificate',
      'failed',
      `Not trusted (${c.reason}): subject ${c.subject}; issuer ${c.issuer}; SHA-256 ${c.fingerprint256}`,
    );
    step.cause(
      `The server's certificate is not trusted (${c.reason}). If the fingerprint ${c.fingerprint256} is the one the server's administrator gives you, trust it when Portside asks; otherwise someone may be intercepting the connection.`,
    );
  } else if (result.stage === 'auth-tls') {
    step.cause(
      `The server does not offer encryption: it refused AUTH TLS (${result.error.reply?.message ?? ''}). Everything, the password included, travels in clear unless the server's administrator enables FTP over TLS.`,
    );
  } else if (mode === 'implicit') {
    step.cause(
      `Implicit TLS on port ${port} failed (${result.error.message}): the server may not offer implicit FTPS on that port; most servers use explicit TLS on port 21 instead.`,
    );
  } else {
    step.cause(
      `The TLS handshake failed (${result.error.message}): the server's TLS setup is broken or too old (Portside needs TLS 1.2 or newer).`,
    );
  }
}

function passLogin(step: StepRecorder, client: FtpClient): void {
  step.found(
    'Login',
    'ok',
    `Logged in${client.system === undefined ? '' : ` (server system: ${client.system})`}`,
  );
  step.finish('passed', 'Logged in');
}

/** The login failed: say which of the usual reasons it can be, and when it cannot tell. */
function failLogin(
  step: StepRecorder,
  result: Extract<ProbeResult, { ok: false }>,
  encrypted: boolean,
): void {
  const { error, stage } = result;
  const reply = error.reply;
  const text = reply?.message ?? error.message;
  step.found('Login', 'failed', error.message);
  step.cause(loginCause(stage, error, encrypted));
  step.finish(
    'failed',
    reply === undefined ? 'The login did not complete' : `The server refused the login: ${text}`,
  );
}

function loginCause(stage: ProbeStage, error: FtpError, encrypted: boolean): string {
  const reply = error.reply;
  const message = reply?.message ?? error.message;
  if (
    reply?.code === 421 ||
    /too many|maximum number|connection limit|limit reached/i.test(message)
  ) {
    return `The server has too many connections (${message}): from you (close other FTP programs and lower the connection limit) or from everybody (try again later).`;
  }
  if (!encrypted && /encrypt|tls|ssl|secure/i.test(message)) {
    return `The server only accepts encrypted logins (${message}): set encryption to "Require explicit FTP over TLS".`;
  }
  if (stage === 'user') {
    return `The server refused the user name before asking for a password (${message}): the account does not exist, may not use FTP, or (for anonymous) anonymous logins are off.`;
  }
  if (stage === 'acct') {
    return `The server wants an account (ACCT) besides user name and password (${message}); ask its administrator.`;
  }
  if (reply?.code === 530 || reply?.code === 430) {
    return `Wrong password, or a user name the server does not know (${message}). Most servers give the same answer (530) for both on purpose, so the doctor cannot tell which: check both, mind upper and lower case, and whether the account is locked.`;
  }
  return `The server refused the login (${message}).`;
}
