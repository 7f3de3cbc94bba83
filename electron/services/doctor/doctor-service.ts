import type { DoctorProgress, DoctorReport } from '../../../shared/models/doctor.js';
import type { ConnectRequest } from '../../../shared/models/session.js';
import type { Site, SiteInput } from '../../../shared/models/site.js';
import { FtpError } from '../../ftp/errors.js';
import { resolveConnectionTarget } from '../connection-target.js';
import { LogBatcher } from '../log-batcher.js';
import { ServiceError, type EventSink } from '../router.js';
import type { SettingsService } from '../settings-service.js';
import { newId, type SitesService } from '../sites-service.js';
import type { TrustService } from '../trust-service.js';
import type { DoctorTarget, Resolver } from './doctor-types.js';
import { runDoctor } from './run-doctor.js';

/**
 * The highest "simultaneous transfers" setting Portside allows (settingsSchema): step 7
 * never opens more connections than the app could ever use.
 */
export const MAX_DOCTOR_CONNECTIONS = 10;
/** Finished runs kept for "Apply recommended settings"; older ones are forgotten. */
const KEPT_RUNS = 20;

interface Run {
  readonly target: DoctorTarget;
  readonly siteId: string | null;
  readonly controller: AbortController;
  report: DoctorReport | undefined;
}

export interface DoctorServiceDeps {
  readonly settings: SettingsService;
  readonly sites: SitesService;
  readonly trust: TrustService;
  readonly emit: EventSink;
  readonly resolve?: Resolver | undefined;
}

/**
 * Runs the connection doctor for the UI: one run per request, progress as 'doctor:progress'
 * events (steps as they change, log lines batched like a session's), the report at the end,
 * and "Apply recommended settings" into the run's site.
 */
export class DoctorService {
  private readonly runs = new Map<string, Run>();
  private readonly logs: LogBatcher;

  constructor(private readonly deps: DoctorServiceDeps) {
    // The batcher speaks 'session:log'; its session id is the run id here.
    this.logs = new LogBatcher(((
      channel: string,
      payload: { sessionId: string; lines: DoctorProgress['lines'] },
    ) => {
      if (channel === 'session:log')
        this.progress({ runId: payload.sessionId, lines: payload.lines });
    }) as EventSink);
  }

  async start(request: ConnectRequest): Promise<{ runId: string }> {
    // The doctor probes what a session would connect to; the target type has the fields
    // it needs (remoteFolder and siteId are ignored by the probes).
    const target = await resolveConnectionTarget(request, this.deps.sites);
    const siteId = target.siteId;
    const runId = newId();
    const run: Run = { target, siteId, controller: new AbortController(), report: undefined };
    this.runs.set(runId, run);
    this.forgetOldRuns();
    const settings = this.deps.settings.get();
    void runDoctor({
      target,
      tlsOptions: { trust: (certificate) => this.deps.trust.decide(runId, certificate) },
      timeoutMs: settings.timeoutSeconds * 1000,
      connectionLimit: MAX_DOCTOR_CONNECTIONS,
      resolve: this.deps.resolve,
      log: (event) => this.logs.push(runId, event),
      onStep: (step) => this.progress({ runId, step }),
      signal: run.controller.signal,
    }).then(
      (report) => {
        run.report = report;
        this.logs.flushAll();
        this.progress({ runId, report });
      },
      (error: unknown) => {
        this.logs.flushAll();
        const cancelled = run.controller.signal.aborted;
        this.progress({
          runId,
          error: cancelled ? 'Cancelled' : error instanceof Error ? error.message : String(error),
        });
      },
    );
    return { runId };
  }

  cancel(runId: string): void {
    this.get(runId).controller.abort(new FtpError('cancelled', 'Diagnosis cancelled'));
  }

  /** Writes the recommended settings into the run's site, or saves a quickconnect target as a new site. */
  async apply(runId: string): Promise<Site> {
    const run = this.get(runId);
    const recommended = run.report?.recommended;
    if (recommended === undefined || recommended === null) {
      throw new ServiceError('bad-request', 'This diagnosis has no recommended settings to apply');
    }
    const { listingCommand, ...rest } = recommended;
    if (run.siteId !== null) {
      const { passwordSaved: _saved, ...site } = this.deps.sites.find(run.siteId);
      return this.deps.sites.save({ ...site, ...rest, listingCommand });
    }
    const { target } = run;
    const input: SiteInput = {
      id: newId(),
      parentId: null,
      name: target.host,
      host: target.host,
      port: target.port ?? null,
      // A quickconnect password is not saved without asking: the site asks for it.
      logonType: target.user === undefined ? 'anonymous' : 'ask',
      user: target.user ?? '',
      localFolder: '',
      remoteFolder: '',
      comments: 'Created by the connection doctor',
      ...rest,
      listingCommand,
    };
    const site = await this.deps.sites.save(input);
    // Later applies of the same run update this site instead of adding another one.
    this.runs.set(runId, { ...run, siteId: site.id });
    return site;
  }

  dispose(): void {
    for (const run of this.runs.values()) run.controller.abort();
    this.logs.dispose();
  }

  private get(runId: string): Run {
    const run = this.runs.get(runId);
    if (run === undefined)
      throw new ServiceError('not-found', 'That diagnosis is no longer available');
    return run;
  }

  private forgetOldRuns(): void {
    for (const runId of [...this.runs.keys()].slice(0, Math.max(0, this.runs.size - KEPT_RUNS))) {
      this.runs.delete(runId);
    }
  }

  private progress(progress: DoctorProgress): void {
    this.deps.emit('doctor:progress', progress);
  }
}
