import { z } from 'zod';
import { EVENT_CHANNELS } from './channel-names.js';
import type { EventChannel, InvokeChannel, SendChannel } from './channels.js';
import { appErrorSchema, type Result } from './errors.js';

/**
 * The browser host's WebSocket protocol: the contract's three maps as JSON text frames.
 * One definition for both ends (electron/web/client-hub.ts and
 * renderer/bridge/websocket-transport.ts), so the two cannot drift apart.
 *
 *   client → server  {t:'invoke', id, channel, payload}   answered by one 'result'
 *                    {t:'send', channel, payload}         no answer
 *   server → client  {t:'result', id, result}             result: the router's Result
 *                    {t:'event', channel, payload}        every event, to every client
 *
 * Only envelopes are checked here. Invoke and send payloads are checked by the host's
 * ContractRouter against the channel's own schema, exactly as for Electron's IPC; event
 * payloads come from our own services and the Electron preload hands them over unchecked
 * too, so both bridges behave the same.
 */

/** ws's own limit on one frame; the largest legitimate payload (a FileZilla import) is 10 MiB. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

// Channel names from the page are not an enum here: an unknown one reaches the router,
// which answers it with a 'bad-request' result the caller can see, instead of the host
// closing the socket over what is only a version mismatch.
const channelName = z.string().min(1).max(64);

export const clientMessageSchema = z.discriminatedUnion('t', [
  z
    .object({
      t: z.literal('invoke'),
      // The client's own counter; echoed back so it can match answers to requests.
      id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      channel: channelName,
      // Optional because JSON.stringify drops an undefined payload; the router then refuses
      // it as a bad request, which is an answer the caller can see, not a closed socket.
      payload: z.unknown().optional(),
    })
    .strict(),
  z
    .object({ t: z.literal('send'), channel: channelName, payload: z.unknown().optional() })
    .strict(),
]);

/** What the page writes: only the contract's channels. */
export type ClientMessage =
  | {
      readonly t: 'invoke';
      readonly id: number;
      readonly channel: InvokeChannel;
      readonly payload: unknown;
    }
  | { readonly t: 'send'; readonly channel: SendChannel; readonly payload: unknown };

/** What the host reads: a well-formed envelope whose channel the router has yet to check. */
export type ClientEnvelope = z.infer<typeof clientMessageSchema>;

const resultSchema = z.union([
  // `value` may be absent: JSON.stringify drops an undefined one.
  z.object({ ok: z.literal(true), value: z.unknown().optional() }).strict(),
  z.object({ ok: z.literal(false), error: appErrorSchema }).strict(),
]);

export const serverMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id: z.number().int().min(0), result: resultSchema }).strict(),
  z
    .object({ t: z.literal('event'), channel: z.enum(EVENT_CHANNELS), payload: z.unknown() })
    .strict(),
]);

export type ServerMessage =
  | { readonly t: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly t: 'event'; readonly channel: EventChannel; readonly payload: unknown };

/** Parses one text frame from the page; undefined for anything but a well-formed envelope. */
export function parseClientMessage(text: string): ClientEnvelope | undefined {
  const parsed = clientMessageSchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data : undefined;
}

/** Parses one text frame from the host; undefined for anything but a well-formed message. */
export function parseServerMessage(text: string): ServerMessage | undefined {
  const parsed = serverMessageSchema.safeParse(parseJson(text));
  // The cast only fills in `value: unknown` where the schema says optional (a dropped
  // undefined); every other field is exactly what was checked.
  return parsed.success ? (parsed.data as ServerMessage) : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: no schema accepts undefined, so the caller gets undefined too.
    return undefined;
  }
}
