import type { EventChannel, InvokeChannel, SendChannel } from './channels.js';

/**
 * The channel names alone, without schemas, for the preload (which must stay tiny). The
 * `satisfies` clauses make the compiler check these lists against the maps: a channel
 * added there and forgotten here (or the reverse) fails the type check.
 */
export const INVOKE_CHANNELS = [
  'session:connect',
  'session:disconnect',
  'session:reconnect',
  'session:cancel',
  'remote:list',
  'remote:mkdir',
  'remote:rename',
  'remote:delete',
  'remote:chmod',
  'local:list',
  'local:mkdir',
  'local:rename',
  'local:delete',
  'local:home',
  'local:drives',
  'settings:get',
  'settings:update',
  'sites:list',
  'sites:save',
  'sites:save-folder',
  'sites:delete',
  'sites:import-filezilla',
  'transfer:enqueue',
  'transfer:list',
  'transfer:cancel',
  'transfer:retry',
  'transfer:remove',
  'transfer:set-priority',
  'transfer:resolve-exists',
  'queue:start',
  'queue:stop',
  'queue:clear-finished',
  'queue:requeue-failed',
  'queue:get-state',
  'doctor:run',
  'doctor:cancel',
  'doctor:apply',
  'trust:respond',
  'dialog:open',
  'dialog:save',
  'app:take-open-url',
] as const satisfies readonly InvokeChannel[];

export const SEND_CHANNELS = ['file:start-drag'] as const satisfies readonly SendChannel[];

export const EVENT_CHANNELS = [
  'session:log',
  'session:state',
  'trust:request',
  'settings:changed',
  'doctor:progress',
  'transfer:update',
  'transfer:removed',
  'transfer:exists',
  'queue:state',
  'queue:finished',
  'app:menu-command',
  'app:notice',
  'app:open-url',
] as const satisfies readonly EventChannel[];

type Missing<All, Listed> = Exclude<All, Listed>;
// Each of these is `true` only when the list names every channel of its map.
export const allInvokeListed: Missing<InvokeChannel, (typeof INVOKE_CHANNELS)[number]> extends never
  ? true
  : false = true;
export const allSendListed: Missing<SendChannel, (typeof SEND_CHANNELS)[number]> extends never
  ? true
  : false = true;
export const allEventsListed: Missing<EventChannel, (typeof EVENT_CHANNELS)[number]> extends never
  ? true
  : false = true;
