import { isIP } from 'node:net';
import type { FtpClient } from '../../ftp/client.js';
import type { DataMethod } from '../../ftp/data-connector.js';
import { FtpError } from '../../ftp/errors.js';
import type { Logger } from '../../ftp/log.js';
import type { StepRecorder } from './step-recorder.js';

export const DATA_METHODS: readonly DataMethod[] = ['EPSV', 'PASV', 'PORT', 'EPRT'];

export interface DataOutcome {
  /** Methods that worked, in the order tried. */
  readonly working: readonly DataMethod[];
  /** The connection to go on with (a failure may have cost the previous one). */
  readonly client: FtpClient | undefined;
}

/**
 * Step 5: one listing over each of EPSV, PASV, PORT and EPRT on its own, without fallback,
 * so the report can say which work. A method that fails may take the control connection
 * with it (vsftpd closes it after a 522), so `reconnect` gives a fresh one for the next.
 */
export async function checkDataConnections(
  first: FtpClient,
  reconnect: () => Promise<FtpClient | undefined>,
  controlPeer: string,
  log: Logger,
  step: StepRecorder,
  signal?: AbortSignal,
): Promise<DataOutcome> {
  step.start('Trying each way of opening a data connection');
  let client: FtpClient | undefined = first;
  const working: DataMethod[] = [];
  const ipv6 = isIP(controlPeer) === 6;
  for (const method of DATA_METHODS) {
    if (ipv6 && (method === 'PASV' || method === 'PORT')) {
      step.found(method, 'info', `Not possible over IPv6 (${method} names IPv4 addresses only)`);
      continue;
    }
    signal?.throwIfAborted();
    if (client === undefined || client.closed) client = await reconnect();
    if (client === undefined) {
      step.found(method, 'failed', 'Not tried: could not reconnect');
      continue;
    }
    log.status(`Trying a data connection with ${method}...`);
    client.setDataMethod(method);
    try {
      await client.list(undefined, signal);
      working.push(method);
      const info = client.lastDataConnection;
      const notes: string[] = ['works'];
      if (info?.rewrite !== undefined) {
        notes.push(
          `the server named ${info.rewrite.named} (${info.rewrite.reason === 'unroutable' ? 'a private, unroutable address' : 'another host'}); Portside connected to the server's own address instead`,
        );
      }
      if (info?.tlsResumed !== undefined)
        notes.push(info.tlsResumed ? 'TLS session resumed' : 'TLS session not resumed');
      step.found(method, info?.rewrite === undefined ? 'ok' : 'warning', notes.join('; '));
      if (info?.rewrite?.reason === 'unroutable') {
        step.cause(
          `The server announces a private address (${info.rewrite.named}) for passive data connections: it sits behind NAT and does not know its public address. Portside works around it; the server's administrator should set its external address (vsftpd pasv_address, ProFTPD MasqueradeAddress).`,
        );
      }
    } catch (error) {
      if (signal?.aborted === true) throw error;
      const failure = error instanceof FtpError ? error : new FtpError('network', String(error));
      step.found(method, 'failed', failure.message);
      step.cause(causeOf(method, failure));
    } finally {
      if (!client.closed) client.setDataMethod(undefined);
    }
  }
  const total = DATA_METHODS.length - (ipv6 ? 2 : 0);
  if (working.length === 0) step.finish('failed', 'No data connection could be opened');
  else
    step.finish(
      working.length === total ? 'passed' : 'warning',
      `${working.join(', ')} ${working.length === 1 ? 'works' : 'work'}`,
    );
  return { working, client: client?.closed === false ? client : undefined };
}

function causeOf(method: DataMethod, error: FtpError): string {
  const passive = method === 'EPSV' || method === 'PASV';
  const code = error.reply?.code;
  if (code === 522 || (error.code === 'tls' && /session|reuse/i.test(error.message))) {
    return "The server refused the TLS session of the data connection (522): it requires data connections to resume the control connection's TLS session (vsftpd's require_ssl_reuse, ProFTPD without NoSessionReuseRequired) and did not accept the resumption. Ask the administrator to allow it, or to turn the check off.";
  }
  if (code !== undefined && code >= 500 && error.message.includes(`refused ${method}`)) {
    return `The server does not support ${method} (${error.reply?.message ?? ''}); Portside uses another method.`;
  }
  if (passive) {
    return 'Passive mode is blocked: the data connection to the port the server named could not be opened. A firewall in front of the server does not open its passive port range, or your own firewall blocks outgoing connections to high ports. Try active mode, or ask the administrator to open the passive ports.';
  }
  return 'Active mode is blocked: the server could not connect back to this computer. Your firewall or router (NAT) blocks incoming connections, which is normal at home and in offices: use passive mode.';
}
