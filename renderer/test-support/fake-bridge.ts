import {
  buildBridge,
  type BridgeTransport,
  type PortsideBridge,
} from '../../shared/contract/bridge.js';
import {
  eventChannels,
  invokeChannels,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type SendChannel,
  type SendPayload,
} from '../../shared/contract/channels.js';
import { err, ok, type Result } from '../../shared/contract/errors.js';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/models/settings.js';

/**
 * A bridge for component tests: the real `buildBridge` over an in-memory transport. A test
 * scripts what each invoke answers, reads back what the UI asked for, and emits events as
 * main would. Requests and events are checked against the contract's schemas, like the
 * real receiving sides do, so a component that sends an extra key or a wrong type fails
 * its test instead of failing in the app.
 */
export type InvokeHandler<C extends InvokeChannel> = (
  request: InvokeRequest<C>,
) => Result<InvokeResponse<C>> | Promise<Result<InvokeResponse<C>>>;

export type InvokeHandlers = { [C in InvokeChannel]?: InvokeHandler<C> };

export interface InvokeCall<C extends InvokeChannel = InvokeChannel> {
  readonly channel: C;
  readonly request: InvokeRequest<C>;
}

export interface SentMessage<C extends SendChannel = SendChannel> {
  readonly channel: C;
  readonly payload: SendPayload<C>;
}

export interface FakeBridge {
  /** What to hand to <BridgeProvider>. */
  readonly bridge: PortsideBridge;
  /** Scripts (or replaces) what an invoke channel answers. */
  handle<C extends InvokeChannel>(channel: C, handler: InvokeHandler<C>): void;
  /** Shorthand: the channel always answers `ok(value)`. */
  reply<C extends InvokeChannel>(channel: C, value: InvokeResponse<C>): void;
  /** Shorthand: the channel always answers this error. */
  fail(channel: InvokeChannel, code: Parameters<typeof err>[0], message: string): void;
  /** Delivers an event to every listener, synchronously, after checking it against the schema. */
  emit<C extends EventChannel>(channel: C, payload: EventPayload<C>): void;
  /** Every invoke so far, in order (including refused ones). */
  readonly calls: readonly InvokeCall[];
  /** The requests made on one channel, in order. */
  callsTo<C extends InvokeChannel>(channel: C): readonly InvokeRequest<C>[];
  /** Every send so far, in order. */
  readonly sent: readonly SentMessage[];
  /** How many listeners are subscribed to an event channel (to check unsubscribing). */
  listenerCount(channel: EventChannel): number;
}

export interface FakeBridgeOptions {
  /** Handlers applied over the defaults. */
  readonly handlers?: InvokeHandlers;
  /**
   * Answers for the read-only channels every window asks at start-up (settings, sites,
   * queue, local home), so a test only scripts what it is about. Default true; false
   * makes every unscripted channel answer an 'internal' error.
   */
  readonly defaults?: boolean;
  /** The settings the default settings:get / settings:update work on. */
  readonly settings?: Settings;
}

export function createFakeBridge(options: FakeBridgeOptions = {}): FakeBridge {
  const handlers = new Map<
    InvokeChannel,
    (request: never) => Promise<Result<unknown>> | Result<unknown>
  >();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const calls: InvokeCall[] = [];
  const sent: SentMessage[] = [];

  const setHandler = <C extends InvokeChannel>(channel: C, handler: InvokeHandler<C>): void => {
    handlers.set(channel, handler as (request: never) => Result<unknown>);
  };

  if (options.defaults ?? true) {
    let settings: Settings = options.settings ?? DEFAULT_SETTINGS;
    setHandler('settings:get', () => ok(settings));
    setHandler('settings:update', (patch) => {
      // Like the settings service: the patch is merged and the result checked as a whole.
      const defined = Object.entries(patch).filter(([, value]) => value !== undefined);
      const merged = settingsSchema.safeParse({ ...settings, ...Object.fromEntries(defined) });
      if (!merged.success) return err('bad-request', merged.error.message);
      settings = merged.data;
      return ok(settings);
    });
    setHandler('sites:list', () => ok({ folders: [], sites: [] }));
    setHandler('transfer:list', () => ok([]));
    setHandler('queue:get-state', () =>
      ok({ running: false, active: 0, queued: 0, failed: 0, done: 0, bytesPerSecond: 0 }),
    );
    setHandler('local:home', () => ok('/home/user'));
    setHandler('local:drives', () => ok([]));
    setHandler('local:list', ({ path }) => ok({ path, parent: null, entries: [] }));
  }
  for (const [channel, handler] of Object.entries(options.handlers ?? {})) {
    handlers.set(channel as InvokeChannel, handler as (request: never) => Result<unknown>);
  }

  const transport: BridgeTransport = {
    async invoke(channel, request) {
      calls.push({ channel, request } as InvokeCall);
      const parsed = invokeChannels[channel].request.safeParse(request);
      if (!parsed.success) {
        return err(
          'bad-request',
          `fake bridge: ${channel} refused the request`,
          parsed.error.message,
        );
      }
      const handler = handlers.get(channel);
      if (handler === undefined) return err('internal', `fake bridge: no handler for ${channel}`);
      // Always asynchronous, like IPC and the WebSocket: a component must not rely on
      // an answer arriving in the same tick.
      await Promise.resolve();
      return handler(request as never);
    },
    send(channel, payload) {
      sent.push({ channel, payload } as SentMessage);
    },
    subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (set === undefined) {
        set = new Set();
        listeners.set(channel, set);
      }
      const entry = (payload: unknown): void => listener(payload);
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  };

  return {
    bridge: buildBridge(transport),
    handle: setHandler,
    reply(channel, value) {
      setHandler(channel, () => ok(value));
    },
    fail(channel, code, message) {
      handlers.set(channel, () => err(code, message));
    },
    emit(channel, payload) {
      const parsed = eventChannels[channel].safeParse(payload);
      if (!parsed.success) {
        throw new Error(
          `fake bridge: ${channel} payload breaks the contract: ${parsed.error.message}`,
        );
      }
      for (const listener of [...(listeners.get(channel) ?? [])]) listener(payload);
    },
    calls,
    callsTo<C extends InvokeChannel>(channel: C) {
      return calls
        .filter((call) => call.channel === channel)
        .map((call) => call.request as InvokeRequest<C>);
    },
    sent,
    listenerCount(channel) {
      return listeners.get(channel)?.size ?? 0;
    },
  };
}
