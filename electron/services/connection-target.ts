import type { ConnectRequest } from '../../shared/models/session.js';
import type { Settings } from '../../shared/models/settings.js';
import type { Encryption, ListingCommand, TransferMode } from '../../shared/models/site.js';
import type { ConnectOptions, TlsMode } from '../ftp/connect-options.js';
import { ServiceError } from './router.js';
import type { SitesService } from './sites-service.js';

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

/**
 * What a connect request names: a quickconnect target as typed, or a saved site with its
 * stored password (or the one the user just typed for an "ask" site).
 */
export async function resolveConnectionTarget(
  request: ConnectRequest,
  sites: Pick<SitesService, 'find' | 'password'>,
): Promise<ConnectionTarget> {
  if ('quick' in request) {
    const quick = request.quick;
    return {
      host: quick.host,
      port: quick.port,
      user: quick.user === '' ? undefined : quick.user,
      password: quick.password,
      encryption: quick.encryption ?? 'explicit-if-available',
      transferMode: 'default',
      remoteFolder: quick.remotePath,
      siteId: null,
    };
  }
  const site = sites.find(request.siteId);
  const saved = site.logonType === 'normal' ? await sites.password(site.id) : undefined;
  const password = request.password ?? saved;
  if (site.logonType !== 'anonymous' && password === undefined) {
    throw new ServiceError('auth', `Enter the password for ${site.user}@${site.host}`);
  }
  return {
    host: site.host,
    port: site.port ?? undefined,
    user: site.logonType === 'anonymous' ? undefined : site.user,
    password: site.logonType === 'anonymous' ? undefined : password,
    encryption: site.encryption,
    transferMode: site.transferMode,
    remoteFolder: site.remoteFolder === '' ? undefined : site.remoteFolder,
    siteId: site.id,
    listingCommand: site.listingCommand,
  };
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
