import type { RemoteEntry } from '../../shared/models/remote-entry.js';
import { joinRemote } from '../../shared/paths/remote-path.js';
import type { ConnectRequest, SessionInfo } from '../../shared/models/session.js';
import { FtpClient, type Listing } from '../ftp/client.js';
import { FtpError } from '../ftp/errors.js';
import { Logger } from '../ftp/log.js';
import {
  connectOptionsFor,
  dataModeFor,
  resolveConnectionTarget,
  type ConnectionTarget,
} from './connection-target.js';
import type { LogBatcher } from './log-batcher.js';
import { walkRemote } from './remote-walk.js';
import type { EventSink } from './router.js';
import { ServiceError } from './router.js';
import type { SettingsService } from './settings-service.js';
import { newId, type SitesService } from './sites-service.js';
import type { TrustService } from './trust-service.js';

interface Session {
  readonly id: string;
  readonly target: ConnectionTarget;
  readonly log: Logger;
  client: FtpClient | undefined;
  info: SessionInfo;
  /** Aborts what the session is doing now (connecting, listing): "Cancel current operation". */
  operation: AbortController | undefined;
}

export interface SessionServiceDeps {
  readonly settings: SettingsService;
  readonly sites: SitesService;
  readonly trust: TrustService;
  readonly logs: LogBatcher;
  readonly emit: EventSink;
}

/**
 * Browsing sessions: one control connection each, used for listing and file operations
 * (transfers get their own connections). When the server dropped an idle connection, the
 * next action reconnects transparently, returns to the folder the user was in, and goes on.
 */
export class SessionService {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly deps: SessionServiceDeps) {
    // Force Passive mode applies from the next data connection of every open session whose
    // site does not fix the mode: the user toggles it precisely when a transfer fails.
    deps.settings.onChange((settings) => {
      for (const session of this.sessions.values()) {
        const client = session.client;
        if (client === undefined || session.target.transferMode !== 'default') continue;
        const mode = dataModeFor('default', settings);
        if (client.dataMode === mode) continue;
        client.setDataMode(mode);
        session.log.status(`Using ${mode} mode from now on`);
        this.publish(session, { dataMode: mode });
      }
    });
  }

  async connect(request: ConnectRequest): Promise<SessionInfo> {
    const target = await resolveConnectionTarget(request, this.deps.sites);
    const id = newId();
    const logs = this.deps.logs;
    const session: Session = {
      id,
      target,
      log: new Logger((event) => logs.push(id, event)),
      client: undefined,
      operation: undefined,
      info: {
        sessionId: id,
        state: 'connecting',
        host: target.host,
        port: target.port ?? (target.encryption === 'implicit' ? 990 : 21),
        user: target.user ?? 'anonymous',
        secure: false,
        dataMode: 'passive',
        remotePath: null,
        system: null,
        siteId: target.siteId,
        error: null,
      },
    };
    this.sessions.set(id, session);
    this.publish(session, {});
    await this.open(session);
    return session.info;
  }

  async reconnect(sessionId: string): Promise<SessionInfo> {
    const session = this.get(sessionId);
    session.client?.close();
    session.client = undefined;
    this.publish(session, { state: 'connecting', error: null });
    await this.open(session);
    return session.info;
  }

  async disconnect(sessionId: string): Promise<void> {
    const session = this.get(sessionId);
    session.operation?.abort();
    const client = session.client;
    session.client = undefined;
    await client?.quit();
    session.log.status('Disconnected from server');
    this.publish(session, { state: 'disconnected' });
    this.sessions.delete(sessionId);
  }

  cancel(sessionId: string): void {
    this.get(sessionId).operation?.abort();
  }

  /**
   * Lists `path` (or the current folder) and makes it the session's current folder. With
   * `browse: false` (the folder tree looking into a folder) the session goes back to the
   * folder the user is in, so expanding a tree node never moves the file list's folder.
   */
  async list(sessionId: string, path?: string, options = { browse: true }): Promise<Listing> {
    return this.run(sessionId, async (client, signal) => {
      const session = this.get(sessionId);
      const back = session.info.remotePath;
      if (path !== undefined) await client.cd(path);
      const listing = await client.list(undefined, signal);
      if (options.browse) this.publish(session, { remotePath: listing.path });
      // CWD into the folder being shown stays the last word; a failure here is the
      // user's folder vanishing, which the next listing of it reports.
      else if (back !== null && back !== listing.path) await client.cd(back).catch(() => undefined);
      return listing;
    });
  }

  mkdir(sessionId: string, path: string): Promise<void> {
    return this.run(sessionId, (client) => client.mkdir(path));
  }

  rename(sessionId: string, from: string, to: string): Promise<void> {
    return this.run(sessionId, (client) => client.rename(from, to));
  }

  /**
   * Deletes a file, or a folder with everything in it (the user confirmed it in the UI):
   * files and symlinks first, then folders deepest first. Symlinks are removed, never
   * followed, so a link to elsewhere on the server deletes nothing there.
   */
  delete(sessionId: string, path: string, kind: RemoteEntry['kind']): Promise<void> {
    return this.run(sessionId, async (client, signal) => {
      if (kind !== 'directory') return client.remove(path);
      const tree = await walkRemote([client], path, undefined, signal);
      for (const file of tree.files) await client.remove(file.remotePath);
      for (const other of tree.skipped) await client.remove(other);
      const folders = [...tree.folders].sort((a, b) => b.length - a.length);
      for (const segments of folders) await client.rmdir(segments.reduce(joinRemote, path));
      await client.rmdir(path);
    });
  }

  chmod(sessionId: string, path: string, mode: string): Promise<void> {
    return this.run(sessionId, (client) => client.chmod(path, mode));
  }

  /** The connection target of a session, for the transfer queue's own connections. */
  target(sessionId: string): ConnectionTarget {
    return this.get(sessionId).target;
  }

  /** Targets of the connected sessions: where the queue finds passwords it did not save. */
  liveTargets(): ConnectionTarget[] {
    return [...this.sessions.values()]
      .filter((s) => s.info.state !== 'disconnected')
      .map((s) => s.target);
  }

  async dispose(): Promise<void> {
    await Promise.all(
      [...this.sessions.keys()].map((id) => this.disconnect(id).catch(() => undefined)),
    );
  }

  private async open(session: Session): Promise<void> {
    const controller = new AbortController();
    session.operation = controller;
    const base = connectOptionsFor(session.target, this.deps.settings.get());
    try {
      const client = await FtpClient.connect({
        ...base,
        signal: controller.signal,
        log: (event) => this.deps.logs.push(session.id, event),
        tlsOptions: { trust: (certificate) => this.deps.trust.decide(session.id, certificate) },
      });
      session.client = client;
      client.onClose(() => {
        if (session.client === client)
          session.log.status('The server closed the connection; the next action reconnects');
      });
      const folder = session.target.remoteFolder;
      if (folder !== undefined && folder !== '') await client.cd(folder);
      const remotePath = await client.pwd();
      this.publish(session, {
        state: 'connected',
        secure: client.secure,
        dataMode: client.dataMode,
        system: client.system ?? null,
        remotePath,
        error: null,
      });
    } catch (error) {
      const failure = error instanceof FtpError ? error : new FtpError('network', String(error));
      this.publish(session, {
        state: 'failed',
        error: { code: failure.code, message: failure.message },
      });
      throw failure;
    } finally {
      if (session.operation === controller) session.operation = undefined;
    }
  }

  /**
   * Runs an operation on the session's connection, reconnecting first when the server has
   * dropped it (idle timeout, 421) — and once more if it drops during the operation.
   */
  private async run<T>(
    sessionId: string,
    operation: (client: FtpClient, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const session = this.get(sessionId);
    const controller = new AbortController();
    session.operation = controller;
    try {
      for (let attempt = 0; ; attempt += 1) {
        const client = await this.ensureClient(session);
        try {
          const result = await operation(client, controller.signal);
          // A fallback to the other data mode shows in the status bar.
          if (client.dataMode !== session.info.dataMode)
            this.publish(session, { dataMode: client.dataMode });
          return result;
        } catch (error) {
          const dropped = error instanceof FtpError && error.code === 'network' && client.closed;
          if (!dropped || attempt > 0 || controller.signal.aborted) throw error;
        }
      }
    } finally {
      if (session.operation === controller) session.operation = undefined;
    }
  }

  private async ensureClient(session: Session): Promise<FtpClient> {
    const client = session.client;
    if (client !== undefined && !client.closed) return client;
    if (session.info.state === 'disconnected')
      throw new ServiceError('not-connected', 'Not connected');
    session.log.status('Reconnecting...');
    const path = session.info.remotePath;
    session.client = undefined;
    this.publish(session, { state: 'connecting' });
    await this.open(session);
    const fresh = session.client as FtpClient | undefined;
    if (fresh === undefined) throw new ServiceError('not-connected', 'Not connected');
    if (path !== null) await fresh.cd(path).catch(() => undefined);
    this.publish(session, { remotePath: path });
    return fresh;
  }

  private get(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (session === undefined) throw new ServiceError('not-connected', 'That session is closed');
    return session;
  }

  private publish(session: Session, changes: Partial<SessionInfo>): void {
    session.info = { ...session.info, ...changes };
    this.deps.emit('session:state', session.info);
  }
}
