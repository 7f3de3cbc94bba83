import type {
  FileExistsAnswer,
  Priority,
  QueueState,
  TransferItem,
  TransferRequest,
} from '../../../shared/models/transfer.js';
import type { FtpClient } from '../../ftp/client.js';
import type { ConnectOptions } from '../../ftp/connect-options.js';
import { FtpError } from '../../ftp/errors.js';
import { Logger, type LogEvent } from '../../ftp/log.js';
import type { CertificateInfo } from '../../ftp/tls.js';
import { joinRemote } from '../../../shared/paths/remote-path.js';
import { connectOptionsFor, dataModeFor } from '../connection-target.js';
import { ensureLocalFolder } from '../local-target.js';
import type { LogBatcher } from '../log-batcher.js';
import type { EventSink } from '../router.js';
import { ServiceError } from '../router.js';
import type { SessionService } from '../session-service.js';
import type { SettingsService } from '../settings-service.js';
import type { TrustService } from '../trust-service.js';
import { newId, type SitesService } from '../sites-service.js';
import { ConnectionPool, isTooManyConnections } from './connection-pool.js';
import { expandRequest, type Plan } from './expand.js';
import type { ExistsAction, FileFacts } from './file-exists.js';
import { ExistsQuestions } from './exists-questions.js';
import { QueueFile } from './queue-file.js';
import {
  byPriority,
  failure,
  toTransferItem,
  type QueueItem,
  type QueueTarget,
} from './queue-item.js';
import { runItem } from './run-item.js';

export interface TransferQueueDeps {
  readonly settings: SettingsService;
  readonly sessions: SessionService;
  readonly sites: SitesService;
  readonly logs: LogBatcher;
  readonly trust: TrustService;
  readonly emit: EventSink;
  readonly userDataDir: string;
  /** A queue that ran at least this long announces that it finished (default 10 s). */
  readonly finishNoticeAfterMs?: number;
  /** First retry delay; doubles each attempt (default 1 s). */
  readonly retryDelayMs?: number;
}

interface Active {
  readonly controller: AbortController;
  /** Set when the queue was stopped: the item goes back to the queue, not to failed. */
  stopped: boolean;
  speed: number | null;
}

const UPDATE_INTERVAL_MS = 100;

/**
 * The transfer queue: files move on their own connections (up to "simultaneous transfers"
 * and the site's limit), failed network transfers retry with back-off and resume, the
 * "file exists" rules apply per file, and the queue survives a restart.
 */
export class TransferQueue {
  private readonly items = new Map<string, QueueItem>();
  private readonly active = new Map<string, Active>();
  /** Earliest time a retried item may start again. */
  private readonly notBefore = new Map<string, number>();
  private readonly pool: ConnectionPool;
  private readonly questions: ExistsQuestions;
  private readonly file: QueueFile;
  private readonly dirty = new Set<string>();
  private readonly createdFolders = new Set<string>();
  private running = false;
  private order = 0;
  private runStarted = 0;
  private processed = { done: 0, failed: 0 };
  private flushTimer: NodeJS.Timeout | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;

  private constructor(private readonly deps: TransferQueueDeps) {
    this.pool = new ConnectionPool((key, limit) =>
      this.logAll(`The server refused more connections; using at most ${limit} for ${key}`),
    );
    this.questions = new ExistsQuestions(deps.emit, deps.settings);
    this.file = new QueueFile(deps.userDataDir);
  }

  static async open(deps: TransferQueueDeps): Promise<TransferQueue> {
    const queue = new TransferQueue(deps);
    const { items, problem } = await queue.file.load();
    for (const item of items) queue.items.set(item.id, item);
    queue.order = items.reduce((max, item) => Math.max(max, item.order), 0) + 1;
    if (problem !== undefined) deps.emit('app:notice', { level: 'warning', message: problem });
    return queue;
  }

  list(): TransferItem[] {
    return [...this.items.values()].sort(byPriority).map((item) => this.view(item));
  }

  /**
   * Adds files and folders (walked now) and starts processing, unless `start` is false:
   * FileZilla's "Add files to queue" only queues, and the user starts the queue later.
   */
  async enqueue(
    sessionId: string,
    requests: readonly TransferRequest[],
    { start = true }: { readonly start?: boolean | undefined } = {},
  ): Promise<number> {
    const target = this.targetOf(sessionId);
    // A running queue with nothing left to do has finished: FileZilla ends processing then,
    // so files added without starting wait for the user rather than start on their own.
    if (!start && this.running && this.active.size === 0 && !this.hasWaiting()) {
      this.running = false;
    }
    let queued = 0;
    for (const request of requests) {
      const plan = await this.plan(sessionId, target, request);
      for (const path of plan.skipped)
        this.log(
          sessionId,
          `Skipped ${path}: symbolic links and special files are not transferred`,
        );
      for (const file of plan.files) {
        const item: QueueItem = {
          id: newId(),
          sessionId,
          target,
          ...file,
          transferred: 0,
          status: 'queued',
          priority: 'normal',
          attempts: 0,
          error: null,
          order: this.order++,
        };
        this.items.set(item.id, item);
        this.touch(item.id);
        queued += 1;
      }
    }
    if (start) this.start();
    else {
      // Saved and announced (with the queue's state) so the panel shows them waiting;
      // a queue that is still working picks them up as its transfers finish.
      this.save();
      this.touchState();
    }
    return queued;
  }

  start(): void {
    if (!this.running) {
      this.running = true;
      this.runStarted = Date.now();
      this.processed = { done: 0, failed: 0 };
      this.questions.forgetQueueChoice();
    }
    this.touchState();
    this.pump();
  }

  /** Stops processing; running transfers go back to the queue with their partial files. */
  stop(): void {
    this.running = false;
    for (const active of this.active.values()) {
      active.stopped = true;
      active.controller.abort();
    }
    this.touchState();
  }

  cancel(ids: readonly string[]): void {
    for (const id of ids) {
      const active = this.active.get(id);
      if (active !== undefined) active.controller.abort();
      else
        this.update(id, (item) =>
          item.status === 'queued'
            ? { ...item, status: 'failed', error: failure('cancelled', 'Cancelled') }
            : item,
        );
    }
  }

  retry(ids: readonly string[]): void {
    for (const id of ids) {
      this.update(id, (item) =>
        item.status === 'failed' || item.status === 'skipped'
          ? { ...item, status: 'queued', error: null, attempts: 0 }
          : item,
      );
    }
    this.pump();
  }

  remove(ids: readonly string[]): void {
    const removed: string[] = [];
    for (const id of ids) {
      this.active.get(id)?.controller.abort();
      if (this.items.delete(id)) removed.push(id);
    }
    if (removed.length > 0) this.deps.emit('transfer:removed', { ids: removed });
    this.save();
    this.touchState();
  }

  setPriority(ids: readonly string[], priority: Priority): void {
    for (const id of ids) this.update(id, (item) => ({ ...item, priority }));
  }

  resolveExists(answer: FileExistsAnswer): Promise<void> {
    return this.questions.answer(answer);
  }

  clearFinished(): void {
    this.remove(
      [...this.items.values()]
        .filter((item) => item.status === 'done' || item.status === 'skipped')
        .map((i) => i.id),
    );
  }

  requeueFailed(): void {
    this.retry(
      [...this.items.values()].filter((item) => item.status === 'failed').map((i) => i.id),
    );
  }

  async dispose(): Promise<void> {
    this.stop();
    this.questions.dispose();
    if (this.wakeTimer !== undefined) clearTimeout(this.wakeTimer);
    await Promise.all(
      [...this.active.values()].map(() => new Promise((resolve) => setTimeout(resolve, 0))),
    );
    this.flushUpdates();
    this.file.schedule([...this.items.values()]);
    await this.file.flush();
    await this.pool.closeIdle();
  }

  private pump(): void {
    if (!this.running) return;
    const settings = this.deps.settings.get();
    const now = Date.now();
    let soonest = Infinity;
    const pending = [...this.items.values()]
      .filter((item) => item.status === 'queued' && !this.active.has(item.id))
      .sort(byPriority);
    for (const item of pending) {
      if (this.active.size >= settings.simultaneousTransfers) break;
      const wait = (this.notBefore.get(item.id) ?? 0) - now;
      if (wait > 0) {
        soonest = Math.min(soonest, wait);
        continue;
      }
      if (!this.pool.hasRoom(keyOf(item.target), this.limitFor(item.target))) continue;
      this.run(item);
    }
    if (soonest !== Infinity) this.wakeIn(soonest);
    this.checkFinished();
  }

  private run(item: QueueItem): void {
    const active: Active = { controller: new AbortController(), stopped: false, speed: null };
    this.active.set(item.id, active);
    this.update(item.id, (current) => ({ ...current, status: 'active', error: null }));
    void this.execute(item.id, active).finally(() => {
      this.active.delete(item.id);
      this.touchState();
      this.pump();
    });
  }

  private async execute(id: string, active: Active): Promise<void> {
    const item = this.items.get(id);
    if (item === undefined) return;
    const key = keyOf(item.target);
    let client: FtpClient | undefined;
    try {
      client = await this.pool.acquire(key, this.limitFor(item.target), () =>
        this.connectOptions(item),
      );
      // A reused connection follows a Force Passive mode change made since it was opened.
      client.setDataMode(dataModeFor(item.target.transferMode, this.deps.settings.get()));
      const result = await runItem({
        client,
        item,
        settings: this.deps.settings.get(),
        signal: active.controller.signal,
        createdFolders: this.createdFolders,
        existsAction: (existing) => this.existsAction(item, existing),
        onProgress: (transferred, speed) => {
          active.speed = speed;
          const current = this.items.get(id);
          if (current !== undefined) this.items.set(id, { ...current, transferred });
          this.touch(id);
        },
      });
      this.pool.release(key, client);
      this.processed.done += 1;
      this.update(id, (current) => ({
        ...current,
        status: result.status,
        localPath: result.localPath,
        remotePath: result.remotePath,
        transferred:
          result.status === 'done' ? (current.size ?? current.transferred) : current.transferred,
      }));
    } catch (error) {
      if (client !== undefined) {
        if (
          client.closed ||
          (error instanceof FtpError && (error.code === 'network' || error.code === 'timeout'))
        ) {
          this.pool.discard(key, client);
        } else this.pool.release(key, client);
      }
      this.settle(id, active, error);
    }
  }

  /** Decides what a failure means: back to the queue, a retry later, or failed for good. */
  private settle(id: string, active: Active, error: unknown): void {
    const item = this.items.get(id);
    if (item === undefined) return;
    if (active.stopped) {
      this.update(id, (current) => ({ ...current, status: 'queued' }));
      return;
    }
    if (active.controller.signal.aborted) {
      this.processed.failed += 1;
      this.update(id, (current) => ({
        ...current,
        status: 'failed',
        error: failure('cancelled', 'Cancelled'),
      }));
      return;
    }
    if (isTooManyConnections(error)) {
      // Not the file's fault: wait for a connection to free up.
      this.notBefore.set(id, Date.now() + 2000);
      this.update(id, (current) => ({ ...current, status: 'queued' }));
      return;
    }
    const ftpError = error instanceof FtpError || error instanceof ServiceError ? error : undefined;
    const code = ftpError?.code ?? 'internal';
    const message = error instanceof Error ? error.message : String(error);
    const retries = this.deps.settings.get().retries;
    if ((code === 'network' || code === 'timeout') && item.attempts < retries) {
      const delay = (this.deps.retryDelayMs ?? 1000) * 2 ** item.attempts;
      this.log(
        item.sessionId,
        `Transfer of ${item.remotePath} failed (${message}); retrying in ${Math.round(delay / 1000)} s`,
      );
      this.notBefore.set(id, Date.now() + delay);
      this.update(id, (current) => ({
        ...current,
        status: 'queued',
        attempts: current.attempts + 1,
        error: failure(code, message),
      }));
      return;
    }
    this.processed.failed += 1;
    this.update(id, (current) => ({ ...current, status: 'failed', error: failure(code, message) }));
  }

  private existsAction(item: QueueItem, existing: FileFacts): Promise<ExistsAction> {
    const target = item.direction === 'download' ? item.localPath : item.remotePath;
    return this.questions.ask({
      itemId: item.id,
      direction: item.direction,
      target,
      source: { size: item.size, modified: item.modified },
      existing,
    });
  }

  /**
   * Expands a request into files and creates its folders on the receiving side (so empty
   * ones arrive too). Remote work uses a transfer connection, so browsing stays free.
   */
  private async plan(
    sessionId: string,
    target: QueueTarget,
    request: TransferRequest,
  ): Promise<Plan> {
    if (request.kind === 'file')
      return expandRequest(request, () => Promise.reject(new Error('not a folder')));
    if (request.direction === 'download') {
      const plan = await this.withConnection(target, sessionId, (client) =>
        expandRequest(request, () => Promise.resolve(client)),
      );
      for (const segments of [[], ...plan.folders])
        await ensureLocalFolder(request.localPath, segments);
      return plan;
    }
    const plan = await expandRequest(request, () => Promise.reject(new Error('not needed')));
    await this.withConnection(target, sessionId, async (client) => {
      for (const segments of [[], ...plan.folders]) {
        const folder = segments.reduce(joinRemote, request.remotePath);
        // MKD of an existing folder fails harmlessly; a real failure shows on its files.
        await client.mkdir(folder).catch(() => undefined);
        this.createdFolders.add(folder);
      }
    });
    return plan;
  }

  private async withConnection<T>(
    target: QueueTarget,
    sessionId: string,
    work: (client: FtpClient) => Promise<T>,
  ): Promise<T> {
    const key = keyOf(target);
    const probe = { target, sessionId };
    let client: FtpClient | undefined;
    for (let attempt = 0; client === undefined; attempt += 1) {
      try {
        client = await this.pool.acquire(key, this.limitFor(target), () =>
          this.connectOptions(probe),
        );
      } catch (error) {
        // The transfers hold every connection the server allows: wait for one to free up.
        if (!isTooManyConnections(error) || attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    try {
      const result = await work(client);
      this.pool.release(key, client);
      return result;
    } catch (error) {
      this.pool.discard(key, client);
      throw error;
    }
  }

  private async connectOptions(
    item: Pick<QueueItem, 'target' | 'sessionId'>,
  ): Promise<ConnectOptions> {
    const { target } = item;
    const password = await this.passwordFor(target);
    if (password === undefined && target.user !== null) {
      // A quickconnect password lives only as long as its session (it is never saved):
      // a restored item needs that server connected again.
      throw new ServiceError(
        'auth',
        `The password for ${keyOf(target)} is not saved: connect to that server again, ` +
          'then choose Requeue failed',
      );
    }
    const options = connectOptionsFor(
      {
        host: target.host,
        port: target.port ?? undefined,
        user: target.user ?? undefined,
        password,
        encryption: target.encryption,
        transferMode: target.transferMode,
        remoteFolder: undefined,
        siteId: target.siteId,
      },
      this.deps.settings.get(),
    );
    const sessionId = item.sessionId;
    // Transfer connections see the same certificate as the session: the trust decision made
    // there ("once" for this run, "always" pinned) applies, and a new one asks again.
    const withTrust = {
      ...options,
      tlsOptions: {
        trust: (certificate: CertificateInfo) => this.deps.trust.decide(sessionId, certificate),
      },
    };
    return { ...withTrust, log: (event: LogEvent) => this.deps.logs.push(sessionId, event) };
  }

  private async passwordFor(target: QueueTarget): Promise<string | undefined> {
    const live = this.deps.sessions
      .liveTargets()
      .find(
        (t) =>
          t.host === target.host &&
          (t.port ?? null) === target.port &&
          (t.user ?? null) === target.user,
      );
    if (live?.password !== undefined) return live.password;
    return target.siteId === null ? undefined : this.deps.sites.password(target.siteId);
  }

  private targetOf(sessionId: string): QueueTarget {
    const t = this.deps.sessions.target(sessionId);
    return {
      host: t.host,
      port: t.port ?? null,
      user: t.user ?? null,
      encryption: t.encryption,
      transferMode: t.transferMode,
      siteId: t.siteId,
    };
  }

  private limitFor(target: QueueTarget): number {
    if (target.siteId === null) return 10;
    try {
      const limit = this.deps.sites.find(target.siteId).maxConnections;
      return limit > 0 ? limit : 10;
    } catch {
      return 10;
    }
  }

  private hasWaiting(): boolean {
    return [...this.items.values()].some((item) => item.status === 'queued');
  }

  private checkFinished(): void {
    if (!this.running || this.active.size > 0) return;
    if (this.hasWaiting()) return;
    const { done, failed } = this.processed;
    if (
      done + failed > 0 &&
      Date.now() - this.runStarted >= (this.deps.finishNoticeAfterMs ?? 10_000)
    ) {
      this.deps.emit('queue:finished', { done, failed });
    }
    this.processed = { done: 0, failed: 0 };
    this.runStarted = Date.now();
    // "Always use this action for this queue" ends with the run it was given in; the queue
    // stays started, so start() would not forget it before files added later are asked about.
    this.questions.forgetQueueChoice();
    void this.pool.closeIdle();
  }

  private update(id: string, change: (item: QueueItem) => QueueItem): void {
    const item = this.items.get(id);
    if (item === undefined) return;
    this.items.set(id, change(item));
    this.touch(id);
    this.save();
  }

  private touch(id: string): void {
    this.dirty.add(id);
    this.scheduleFlush();
  }

  private touchState(): void {
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flushUpdates();
    }, UPDATE_INTERVAL_MS);
  }

  private flushUpdates(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const items = [...this.dirty].flatMap((id) => {
      const item = this.items.get(id);
      return item === undefined ? [] : [this.view(item)];
    });
    this.dirty.clear();
    if (items.length > 0) this.deps.emit('transfer:update', { items });
    this.deps.emit('queue:state', this.state());
  }

  /** Counts and whether processing is on, for a window that was not listening to events. */
  currentState(): QueueState {
    return this.state();
  }

  private state(): QueueState {
    let queued = 0;
    let failed = 0;
    let done = 0;
    for (const item of this.items.values()) {
      if (item.status === 'queued') queued += 1;
      else if (item.status === 'failed') failed += 1;
      else if (item.status === 'done' || item.status === 'skipped') done += 1;
    }
    const bytesPerSecond = [...this.active.values()].reduce((sum, a) => sum + (a.speed ?? 0), 0);
    return {
      running: this.running,
      active: this.active.size,
      queued,
      failed,
      done,
      bytesPerSecond,
    };
  }

  private view(item: QueueItem): TransferItem {
    return toTransferItem(item, this.active.get(item.id)?.speed ?? null);
  }

  private save(): void {
    this.file.schedule([...this.items.values()]);
  }

  private wakeIn(ms: number): void {
    if (this.wakeTimer !== undefined) return;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.pump();
    }, ms);
  }

  private log(sessionId: string, text: string): void {
    new Logger((event) => this.deps.logs.push(sessionId, event)).status(text);
  }

  private logAll(text: string): void {
    const sessions = new Set([...this.items.values()].map((item) => item.sessionId));
    for (const sessionId of sessions) this.log(sessionId, text);
  }
}

function keyOf(target: QueueTarget): string {
  return `${target.user ?? 'anonymous'}@${target.host}:${target.port ?? 21}`;
}
