import type { AppServices, AppServicesOptions } from './app-services.js';
import { DoctorService } from './doctor/doctor-service.js';
import { parseFileZillaSites } from './filezilla-import.js';
import { LocalFsService } from './local-fs-service.js';
import { LogBatcher } from './log-batcher.js';
import { ContractRouter, ServiceError, type InvokeHandlers } from './router.js';
import { SessionService } from './session-service.js';
import { SettingsService } from './settings-service.js';
import { SitesService } from './sites-service.js';
import { TransferQueue } from './transfer-queue/transfer-queue.js';
import { TrustService } from './trust-service.js';

/**
 * The composition root of the services: builds them, maps every invoke channel to one of
 * them, and returns a disposer. Both adapters (Electron shell, browser host) call this;
 * nothing is wired at import time.
 */
export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const { emit } = options;
  const settings = await SettingsService.open(options.userDataDir, emit);
  const sites = await SitesService.open(options.userDataDir, options.secrets, emit);
  const trust = await TrustService.open(options.userDataDir, emit);
  const logs = new LogBatcher(emit);
  const sessions = new SessionService({ settings, sites, trust, logs, emit });
  const local = new LocalFsService(options.trash);
  const doctor = new DoctorService({ settings, sites, trust, emit });
  const queue = await TransferQueue.open({
    settings,
    sessions,
    sites,
    logs,
    trust,
    emit,
    userDataDir: options.userDataDir,
    ...options.queueTuning,
  });

  // Only the desktop app has native dialogs; the browser host picks folders in the page.
  const dialogs = () => {
    if (options.dialogs === undefined) {
      throw new ServiceError('bad-request', 'Native dialogs exist only in the desktop app.');
    }
    return options.dialogs;
  };
  const handlers: InvokeHandlers = {
    'session:connect': (request) => sessions.connect(request),
    'session:disconnect': async ({ sessionId }) => (await sessions.disconnect(sessionId), null),
    'session:reconnect': ({ sessionId }) => sessions.reconnect(sessionId),
    'session:cancel': ({ sessionId }) => (sessions.cancel(sessionId), Promise.resolve(null)),
    'remote:list': async ({ sessionId, path, browse }) => {
      const listing = await sessions.list(sessionId, path, { browse: browse ?? true });
      return { path: listing.path, entries: [...listing.entries] };
    },
    'remote:mkdir': async ({ sessionId, path }) => (await sessions.mkdir(sessionId, path), null),
    'remote:rename': async ({ sessionId, from, to }) => (
      await sessions.rename(sessionId, from, to),
      null
    ),
    'remote:delete': async ({ sessionId, path, kind }) => (
      await sessions.delete(sessionId, path, kind),
      null
    ),
    'remote:chmod': async ({ sessionId, path, mode }) => (
      await sessions.chmod(sessionId, path, mode),
      null
    ),
    'local:list': async ({ path }) => {
      const listing = await local.list(path);
      return { ...listing, entries: [...listing.entries] };
    },
    'local:mkdir': async ({ path }) => (await local.mkdir(path), null),
    'local:rename': async ({ from, to }) => (await local.rename(from, to), null),
    'local:delete': async ({ path }) => (await local.delete(path), null),
    'local:home': () => Promise.resolve(local.home()),
    'local:drives': () => local.drives(),
    'settings:get': () => Promise.resolve(settings.get()),
    'settings:update': (patch) => settings.update(patch),
    'sites:list': async () => {
      const tree = await sites.list();
      return { folders: [...tree.folders], sites: [...tree.sites] };
    },
    'sites:save': (site) => sites.save(site),
    'sites:save-folder': (folder) => sites.saveFolder(folder),
    'sites:delete': async ({ id }) => (await sites.delete(id), null),
    'sites:import-filezilla': async ({ xml }) => {
      const imported = parseFileZillaSites(xml);
      await sites.addMany(imported.folders, imported.sites);
      return { sites: imported.sites.length, folders: imported.folders.length };
    },
    'transfer:enqueue': async ({ sessionId, items, start }) => ({
      queued: await queue.enqueue(sessionId, items, { start }),
    }),
    'transfer:list': () => Promise.resolve(queue.list()),
    'transfer:cancel': ({ ids }) => (queue.cancel(ids), Promise.resolve(null)),
    'transfer:retry': ({ ids }) => (queue.retry(ids), Promise.resolve(null)),
    'transfer:remove': ({ ids }) => (queue.remove(ids), Promise.resolve(null)),
    'transfer:set-priority': ({ ids, priority }) => (
      queue.setPriority(ids, priority),
      Promise.resolve(null)
    ),
    'transfer:resolve-exists': async (answer) => (await queue.resolveExists(answer), null),
    'queue:start': () => (queue.start(), Promise.resolve(null)),
    'queue:stop': () => (queue.stop(), Promise.resolve(null)),
    'queue:clear-finished': () => (queue.clearFinished(), Promise.resolve(null)),
    'queue:requeue-failed': () => (queue.requeueFailed(), Promise.resolve(null)),
    'queue:get-state': () => Promise.resolve(queue.currentState()),
    'doctor:run': (request) => doctor.start(request),
    'doctor:cancel': ({ runId }) => (doctor.cancel(runId), Promise.resolve(null)),
    'doctor:apply': ({ runId }) => doctor.apply(runId),
    'trust:respond': ({ requestId, decision }) => (
      trust.respond(requestId, decision),
      Promise.resolve(null)
    ),
    'dialog:open': async (request) => ({ paths: [...(await dialogs().open(request)).paths] }),
    'dialog:save': (request) => dialogs().save(request),
    'app:take-open-url': () => Promise.resolve(options.takeOpenUrl?.() ?? null),
  };

  const router = new ContractRouter(handlers, {
    'file:start-drag': ({ paths }) => options.startDrag?.(paths),
  });

  return {
    router,
    async dispose() {
      trust.dispose();
      doctor.dispose();
      await queue.dispose();
      await sessions.dispose();
      logs.dispose();
    },
  };
}
