import type { Result } from './errors.js';
import { EVENT_CHANNELS, INVOKE_CHANNELS, SEND_CHANNELS } from './channel-names.js';
import type {
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  SendChannel,
  SendPayload,
} from './channels.js';

/**
 * What the renderer talks to: one object of named functions per channel. The Electron
 * preload and the browser host's WebSocket client both build it with `buildBridge` over
 * their own transport, so the renderer cannot tell them apart.
 */
export interface PortsideBridge {
  readonly invoke: {
    readonly [C in InvokeChannel]: (
      request: InvokeRequest<C>,
    ) => Promise<Result<InvokeResponse<C>>>;
  };
  readonly send: { readonly [C in SendChannel]: (payload: SendPayload<C>) => void };
  /** Subscribe to an event; the listener gets the payload only; call the result to stop. */
  /**
   * Electron only: the path of a file dropped from the desktop (webUtils.getPathForFile);
   * '' for anything that is not a file on disk. Absent in the browser host.
   */
  readonly desktop?: { readonly getPathForFile: (file: object) => string };
  readonly on: {
    readonly [C in EventChannel]: (listener: (payload: EventPayload<C>) => void) => () => void;
  };
}

export interface BridgeTransport {
  invoke(channel: InvokeChannel, request: unknown): Promise<unknown>;
  send(channel: SendChannel, payload: unknown): void;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

export function buildBridge(transport: BridgeTransport): PortsideBridge {
  const invoke = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [
      channel,
      (request: unknown) => transport.invoke(channel, request),
    ]),
  );
  const send = Object.fromEntries(
    SEND_CHANNELS.map((channel) => [
      channel,
      (payload: unknown) => transport.send(channel, payload),
    ]),
  );
  const on = Object.fromEntries(
    EVENT_CHANNELS.map((channel) => [
      channel,
      (listener: (payload: unknown) => void) => transport.subscribe(channel, listener),
    ]),
  );
  return Object.freeze({
    invoke: Object.freeze(invoke),
    send: Object.freeze(send),
    on: Object.freeze(on),
  }) as unknown as PortsideBridge;
}
