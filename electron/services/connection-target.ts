import type { Settings } from '../../shared/models/settings.js';
import type { Encryption, ListingCommand, TransferMode } from '../../shared/models/site.js';
import type { ConnectOptions, TlsMode } from '../ftp/connect-options.js';

/** Everything needed to open (and reopen) a connection for a session, password included. */
export interface ConnectionTarget {
  readonly host: string;
  readonly port: number | undefined;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly encryption: Encryption;
  readonly transferMode: TransferMode;
  readonly remoteFolder: string | undefined;
  readonly siteId: string | null;
  /** A site's listing preference ('list': never MLSD); absent means 'auto'. */
  readonly listingCommand?: ListingCommand | undefined;
}

export function tlsModeFor(encryption: Encryption): TlsMode {
  switch (encryption) {
    case 'explicit-if-available':
      return 'auto';
    case 'explicit':
      return 'explicit';
    case 'implicit':
      return 'implicit';
    case 'none':
      return 'none';
  }
}

/**
 * Engine options for a target under the current settings. A site's own transfer mode
 * wins; "Default" follows the Force Passive mode setting.
 */
export function dataModeFor(transferMode: TransferMode, settings: Settings): 'passive' | 'active' {
  if (transferMode !== 'default') return transferMode;
  return settings.forcePassive ? 'passive' : 'active';
}

export function connectOptionsFor(target: ConnectionTarget, settings: Settings): ConnectOptions {
  const timeout = settings.timeoutSeconds * 1000;
  const mode = dataModeFor(target.transferMode, settings);
  const range = settings.activePortRange;
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    tls: tlsModeFor(target.encryption),
    mode,
    fallback: settings.fallbackToOtherMode,
    active: {
      externalAddress: settings.activeExternalAddress ?? undefined,
      portRange: range === null ? undefined : [range.min, range.max],
    },
    timeouts: { connectMs: timeout, replyMs: timeout, dataMs: timeout },
    keepAliveMs: settings.keepAlive ? 60_000 : undefined,
    mlsd: target.listingCommand !== 'list',
  };
}
