import { z } from 'zod';
import { doctorProgressSchema } from '../models/doctor.js';
import { localListingSchema } from '../models/local-entry.js';
import { logLineSchema } from '../models/log-line.js';
import { menuCommands } from '../models/menu-command.js';
import { openUrlRequestSchema } from '../models/open-url.js';
import { remoteListingSchema } from '../models/remote-listing.js';
import {
  certificateInfoSchema,
  connectRequestSchema,
  sessionInfoSchema,
  trustDecisions,
} from '../models/session.js';
import { settingsPatchSchema, settingsSchema } from '../models/settings.js';
import {
  fileExistsAnswerSchema,
  fileExistsQuestionSchema,
  priorities,
  queueStateSchema,
  transferItemSchema,
  transferRequestSchema,
} from '../models/transfer.js';
import {
  siteFolderInputSchema,
  siteFolderSchema,
  siteInputSchema,
  siteSchema,
  siteTreeSchema,
} from '../models/site.js';
import { id, pathString, textString } from './limits.js';

/**
 * The IPC contract: every channel, its payload schema and (for invokes) its result schema.
 * Names are `domain:verb`. Both adapters (Electron's ipcMain and the browser host's
 * WebSocket) and both bridges derive their types from these three maps.
 */
const none = z.object({}).strict();
const done = z.null();
const session = z.object({ sessionId: id }).strict();
const itemIds = z.object({ ids: z.array(id).min(1).max(100_000) }).strict();

export const invokeChannels = {
  'session:connect': { request: connectRequestSchema, response: sessionInfoSchema },
  'session:disconnect': { request: session, response: done },
  'session:reconnect': { request: session, response: sessionInfoSchema },
  'session:cancel': { request: session, response: done },
  'remote:list': {
    request: z
      .object({
        sessionId: id,
        path: pathString.optional(),
        /** false: look into `path` (the folder tree) without making it the current folder. */
        browse: z.boolean().optional(),
      })
      .strict(),
    response: remoteListingSchema,
  },
  'remote:mkdir': {
    request: z.object({ sessionId: id, path: pathString }).strict(),
    response: done,
  },
  'remote:rename': {
    request: z.object({ sessionId: id, from: pathString, to: pathString }).strict(),
    response: done,
  },
  'remote:delete': {
    request: z
      .object({ sessionId: id, path: pathString, kind: z.enum(['file', 'directory']) })
      .strict(),
    response: done,
  },
  'remote:chmod': {
    request: z
      .object({ sessionId: id, path: pathString, mode: z.string().regex(/^[0-7]{3,4}$/) })
      .strict(),
    response: done,
  },
  'local:list': { request: z.object({ path: pathString }).strict(), response: localListingSchema },
  'local:mkdir': { request: z.object({ path: pathString }).strict(), response: done },
  'local:rename': {
    request: z.object({ from: pathString, to: pathString }).strict(),
    response: done,
  },
  'local:delete': { request: z.object({ path: pathString }).strict(), response: done },
  'local:home': { request: none, response: z.string() },
  'local:drives': { request: none, response: z.array(z.string()) },
  'settings:get': { request: none, response: settingsSchema },
  'settings:update': { request: settingsPatchSchema, response: settingsSchema },
  'sites:list': { request: none, response: siteTreeSchema },
  'sites:save': { request: siteInputSchema, response: siteSchema },
  'sites:save-folder': { request: siteFolderInputSchema, response: siteFolderSchema },
  'sites:delete': { request: z.object({ id }).strict(), response: done },
  'sites:import-filezilla': {
    request: z.object({ xml: z.string().max(10 * 1024 * 1024) }).strict(),
    response: z.object({ sites: z.number().int(), folders: z.number().int() }).strict(),
  },
  'transfer:enqueue': {
    request: z
      .object({
        sessionId: id,
        items: z.array(transferRequestSchema).min(1).max(100_000),
        /** false: only queue ("Add files to queue"); the user starts the queue. Default true. */
        start: z.boolean().optional(),
      })
      .strict(),
    response: z.object({ queued: z.number().int() }).strict(),
  },
  'transfer:list': { request: none, response: z.array(transferItemSchema) },
  'transfer:cancel': { request: itemIds, response: done },
  'transfer:retry': { request: itemIds, response: done },
  'transfer:remove': { request: itemIds, response: done },
  'transfer:set-priority': {
    request: z
      .object({ ids: z.array(id).min(1).max(100_000), priority: z.enum(priorities) })
      .strict(),
    response: done,
  },
  'transfer:resolve-exists': { request: fileExistsAnswerSchema, response: done },
  'queue:start': { request: none, response: done },
  'queue:stop': { request: none, response: done },
  'queue:clear-finished': { request: none, response: done },
  'queue:requeue-failed': { request: none, response: done },
  /** The queue's state now; 'queue:state' events only tell changes (a restored queue has none). */
  'queue:get-state': { request: none, response: queueStateSchema },
  /** Starts the connection doctor on a saved site or a quickconnect target. */
  'doctor:run': {
    request: connectRequestSchema,
    response: z.object({ runId: id }).strict(),
  },
  'doctor:cancel': { request: z.object({ runId: id }).strict(), response: done },
  /** Writes the run's recommended settings into its site (a new site for quickconnect). */
  'doctor:apply': { request: z.object({ runId: id }).strict(), response: siteSchema },
  'trust:respond': {
    request: z.object({ requestId: id, decision: z.enum(trustDecisions) }).strict(),
    response: done,
  },
  /** Electron only: the native open dialog; `paths` is empty when the user cancelled. */
  'dialog:open': {
    request: z
      .object({
        kind: z.enum(['files', 'directory']),
        multiple: z.boolean().optional(),
        title: textString.optional(),
        defaultPath: pathString.optional(),
      })
      .strict(),
    response: z.object({ paths: z.array(pathString) }).strict(),
  },
  /** Electron only: the native save dialog; `path` is null when the user cancelled. */
  'dialog:save': {
    request: z
      .object({ title: textString.optional(), defaultPath: pathString.optional() })
      .strict(),
    response: z.object({ path: pathString.nullable() }).strict(),
  },
  /**
   * The ftp:// link the app was started with, once: the window asks when it has subscribed
   * to 'app:open-url', so a link that arrived before the window existed is not lost.
   */
  'app:take-open-url': { request: none, response: openUrlRequestSchema.nullable() },
} as const;

/** Renderer → main, no reply. */
export const sendChannels = {
  /** Electron only: start an OS drag of local files out of the window. */
  'file:start-drag': z.object({ paths: z.array(pathString).min(1).max(10_000) }).strict(),
} as const;

/** Main → renderer. */
export const eventChannels = {
  /** Log lines in order, batched (at most one message per animation frame per session). */
  'session:log': z.object({ sessionId: id, lines: z.array(logLineSchema) }).strict(),
  'session:state': sessionInfoSchema,
  'trust:request': z
    .object({
      requestId: id,
      sessionId: id,
      certificate: certificateInfoSchema,
      changed: z.boolean(),
    })
    .strict(),
  'settings:changed': settingsSchema,
  /** Connection doctor: a step changed, log lines (batched), or the final report. */
  'doctor:progress': doctorProgressSchema,
  /** Changed queue items, at most ~10 messages a second. */
  'transfer:update': z.object({ items: z.array(transferItemSchema) }).strict(),
  'transfer:removed': z.object({ ids: z.array(id) }).strict(),
  'transfer:exists': fileExistsQuestionSchema,
  'queue:state': queueStateSchema,
  /** A queue that ran for a while finished: the shell shows a notification. */
  'queue:finished': z.object({ done: z.number().int(), failed: z.number().int() }).strict(),
  /** A command from the application menu (Electron) for the UI to carry out. */
  'app:menu-command': z.object({ command: z.enum(menuCommands) }).strict(),
  /** Something the user should know that is not tied to a request (a corrupt settings file). */
  'app:notice': z
    .object({ level: z.enum(['info', 'warning', 'error']), message: z.string() })
    .strict(),
  /** An ftp:// or ftps:// link opened while the app runs: fill Quickconnect, ask, connect. */
  'app:open-url': openUrlRequestSchema,
} as const;

export type InvokeChannels = typeof invokeChannels;
export type SendChannels = typeof sendChannels;
export type EventChannels = typeof eventChannels;
export type InvokeChannel = keyof InvokeChannels;
export type SendChannel = keyof SendChannels;
export type EventChannel = keyof EventChannels;
export type InvokeRequest<C extends InvokeChannel> = z.input<InvokeChannels[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<InvokeChannels[C]['response']>;
export type SendPayload<C extends SendChannel> = z.input<SendChannels[C]>;
export type EventPayload<C extends EventChannel> = z.output<EventChannels[C]>;
