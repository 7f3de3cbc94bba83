import { FtpClient } from '../../ftp/client.js';
import type { ConnectOptions } from '../../ftp/connect-options.js';
import { FtpError } from '../../ftp/errors.js';
import type { Logger } from '../../ftp/log.js';
import type { StepRecorder } from './step-recorder.js';

export interface ConnectionsOutcome {
  /** Connections the server accepted at once, the doctor's own first one included. */
  readonly accepted: number;
  /** The server refused one more (rather than the doctor stopping at its limit). */
  readonly limited: boolean;
}

/**
 * Step 7: how many logged-in connections the server allows at once. Opens one more at a
 * time next to the one already open, stops at the first refusal or at `limit`, and closes
 * every connection it opened, whatever happens.
 */
export async function checkConnections(
  options: ConnectOptions,
  limit: number,
  log: Logger,
  step: StepRecorder,
  signal?: AbortSignal,
): Promise<ConnectionsOutcome> {
  step.start(`Opening up to ${limit} connections at once`);
  const opened: FtpClient[] = [];
  let refusal: FtpError | undefined;
  try {
    while (opened.length + 1 < limit) {
      signal?.throwIfAborted();
      log.status(`Opening connection ${opened.length + 2}...`);
      try {
        opened.push(await FtpClient.connect({ ...options, signal }));
      } catch (error) {
        if (signal?.aborted === true) throw error;
        refusal = error instanceof FtpError ? error : new FtpError('network', String(error));
        break;
      }
    }
  } finally {
    await Promise.all(opened.map((client) => client.quit()));
    if (opened.length > 0) log.status(`Closed the ${opened.length} extra connection(s)`);
  }
  const accepted = opened.length + 1;
  if (refusal === undefined) {
    step.found('Connections', 'ok', `${accepted} at once, the most Portside would use`);
    step.finish('passed', `At least ${accepted} connections at once`);
    return { accepted, limited: false };
  }
  step.found(`Connection ${accepted + 1}`, 'warning', refusal.message);
  step.cause(
    `The server accepts ${accepted} connection${accepted === 1 ? '' : 's'} at once from you and refused the next (${refusal.reply?.message ?? refusal.message}). Limit this site to ${accepted} connection${accepted === 1 ? '' : 's'} so transfers do not fail with "too many connections".`,
  );
  step.finish(
    'warning',
    `The server allows ${accepted} connection${accepted === 1 ? '' : 's'} at once`,
  );
  return { accepted, limited: true };
}
