import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  SEND_CHANNELS,
} from '../../shared/contract/channel-names.js';
import type { EventChannel, EventPayload } from '../../shared/contract/channels.js';
import { err } from '../../shared/contract/errors.js';
import type { ContractRouter, EventSink } from '../services/router.js';
import {
  isTrustedSender,
  type ContentsLike,
  type IpcSenderLike,
  type TrustedWindows,
} from './sender-check.js';

type Listener = (event: IpcSenderLike, ...args: unknown[]) => void;
type InvokeListener = (event: IpcSenderLike, ...args: unknown[]) => Promise<unknown>;

/**
 * The part of Electron's ipcMain the adapter uses. Written structurally so the same code
 * runs against ipcMain in the app and against stand-ins in tests.
 */
export interface IpcMainLike {
  handle(channel: string, listener: InvokeListener): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
}

export interface RefusedMessage {
  readonly channel: string;
  readonly reason: 'untrusted-sender' | 'bad-arguments' | 'invalid-payload';
  /** The sending frame's URL, for the log (never the payload: it may hold a password). */
  readonly url: string | null;
}

export interface IpcAdapterOptions {
  readonly router: Pick<ContractRouter, 'invoke' | 'send'>;
  readonly trusted: TrustedWindows;
  /** Told about every refused message, so a probing page shows up in the log. */
  readonly onRefused?: ((refused: RefusedMessage) => void) | undefined;
}

/**
 * Registers one handler per invoke channel and one listener per send channel of the
 * contract, nothing else. Each checks the sender before the router sees the payload (the
 * router then validates it against the channel's schema). Returns a disposer.
 */
export function registerIpcHandlers(ipc: IpcMainLike, options: IpcAdapterOptions): () => void {
  const refuse = (event: IpcSenderLike, channel: string, reason: RefusedMessage['reason']) =>
    options.onRefused?.({ channel, reason, url: event.senderFrame?.url ?? null });

  for (const channel of INVOKE_CHANNELS) {
    ipc.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event, options.trusted)) {
        refuse(event, channel, 'untrusted-sender');
        return err('forbidden', 'This window may not use the Portside bridge.');
      }
      // The bridge always sends exactly one payload; anything else did not come from it.
      if (args.length !== 1) {
        refuse(event, channel, 'bad-arguments');
        return err('bad-request', `Invalid request for ${channel}: expected one payload`);
      }
      return options.router.invoke(channel, args[0]);
    });
  }

  const listeners = SEND_CHANNELS.map((channel) => {
    const listener: Listener = (event, ...args) => {
      if (!isTrustedSender(event, options.trusted)) {
        refuse(event, channel, 'untrusted-sender');
        return;
      }
      if (args.length !== 1) {
        refuse(event, channel, 'bad-arguments');
        return;
      }
      if (!options.router.send(channel, args[0])) refuse(event, channel, 'invalid-payload');
    };
    ipc.on(channel, listener);
    return { channel, listener };
  });

  return () => {
    for (const channel of INVOKE_CHANNELS) ipc.removeHandler(channel);
    for (const { channel, listener } of listeners) ipc.removeListener(channel, listener);
  };
}

export interface EventDelivery {
  /** The EventSink handed to the services. */
  readonly emit: EventSink;
  /**
   * A trusted window finished loading the app. Notices raised before any window could show
   * them (a corrupt settings file, no keyring at start-up) are delivered to it then.
   */
  windowLoaded(contents: ContentsLike): void;
}

const EVENT_NAMES: ReadonlySet<string> = new Set(EVENT_CHANNELS);
const MAX_PENDING_NOTICES = 20;

/** Sends events to the app's own live windows only (webContents.send reaches the main frame). */
export function createEventDelivery(trusted: TrustedWindows): EventDelivery {
  const loaded = new Set<number>();
  let pending: EventPayload<'app:notice'>[] = [];

  const emit: EventSink = (channel, payload) => {
    // The type already says so; this guards callers that reach here through a cast.
    if (!EVENT_NAMES.has(channel)) return;
    const targets = trusted.live();
    if (channel === 'app:notice' && !targets.some((contents) => loaded.has(contents.id))) {
      if (pending.length < MAX_PENDING_NOTICES) {
        pending.push(payload as EventPayload<'app:notice'>);
      }
      return;
    }
    for (const contents of targets) contents.send(channel, payload);
  };

  return {
    emit,
    windowLoaded(contents) {
      loaded.add(contents.id);
      if (!trusted.live().includes(contents)) return;
      const notices = pending;
      pending = [];
      for (const notice of notices) contents.send('app:notice', notice);
    },
  };
}

/** Wraps a sink so the shell can watch one event go by (the menu follows 'settings:changed'). */
export function observeEvent<C extends EventChannel>(
  sink: EventSink,
  channel: C,
  observer: (payload: EventPayload<C>) => void,
): EventSink {
  return (name, payload) => {
    // Two independent type parameters: compare as plain names.
    if ((name as EventChannel) === channel) observer(payload as unknown as EventPayload<C>);
    sink(name, payload);
  };
}
