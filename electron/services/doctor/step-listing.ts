import type { ListingCommand } from '../../../shared/models/site.js';
import type { FtpClient } from '../../ftp/client.js';
import { FtpError } from '../../ftp/errors.js';
import type { Logger } from '../../ftp/log.js';
import type { StepRecorder } from './step-recorder.js';

export interface ListingOutcome {
  /** Some listing command works and a parser read its output. */
  readonly works: boolean;
  readonly recommended: ListingCommand;
}

/**
 * Step 6: the folder listed with MLSD (when FEAT offers it) and with LIST, saying which
 * parser read each; and whether the server speaks UTF-8 (RFC 2640).
 */
export async function checkListing(
  client: FtpClient,
  log: Logger,
  step: StepRecorder,
  signal?: AbortSignal,
): Promise<ListingOutcome> {
  step.start('Listing the login folder');
  const original = client.listingCommand;
  let mlsd: boolean | undefined;
  if (client.features.mlst) {
    mlsd = await tryListing(client, 'MLSD', log, step, signal);
  } else {
    step.found('MLSD', 'info', 'Not offered (FEAT lists no MLST): LIST is used');
  }
  const list = await tryListing(client, 'LIST -a', log, step, signal);
  if (!client.closed) client.setListingCommand(original);

  const names = client.features.utf8;
  step.found(
    'UTF-8',
    names ? 'ok' : 'info',
    names
      ? 'The server announces UTF8: names with accents and other scripts work'
      : 'The server does not announce UTF8 (RFC 2640): names outside ASCII may show wrong',
  );
  const works = mlsd === true || list;
  if (!works) {
    step.finish('failed', 'No listing could be read');
    return { works, recommended: 'auto' };
  }
  if (mlsd === false) {
    step.cause(
      'The server offers MLSD but its MLSD listing fails or cannot be read: list with LIST instead.',
    );
    step.finish('warning', 'LIST works, MLSD does not');
    return { works, recommended: 'list' };
  }
  step.finish(list ? 'passed' : 'warning', mlsd === true ? 'MLSD works' : 'LIST works');
  return { works, recommended: 'auto' };
}

async function tryListing(
  client: FtpClient,
  command: 'MLSD' | 'LIST -a',
  log: Logger,
  step: StepRecorder,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  const label = command === 'MLSD' ? 'MLSD' : 'LIST';
  if (client.closed) {
    step.found(label, 'failed', 'Not tried: the server closed the connection');
    return false;
  }
  log.status(`Listing with ${label}...`);
  client.setListingCommand(command);
  try {
    const listing = await client.list(undefined, signal);
    const garbled = listing.entries.filter((e) => e.name.includes('\uFFFD')).length;
    if (listing.parser === 'none' && listing.entries.length === 0) {
      step.found(
        label,
        'warning',
        'Works, but the folder is empty or no parser recognised its lines',
      );
      return true;
    }
    step.found(
      label,
      garbled > 0 ? 'warning' : 'ok',
      `${listing.entries.length} entr${listing.entries.length === 1 ? 'y' : 'ies'}, read by the ${listing.parser} parser` +
        (garbled > 0 ? `; ${garbled} name(s) are not valid UTF-8` : ''),
    );
    return true;
  } catch (error) {
    if (signal?.aborted === true) throw error;
    step.found(label, 'failed', error instanceof FtpError ? error.message : String(error));
    return false;
  }
}
