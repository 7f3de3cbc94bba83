import type { z } from 'zod';
import {
  eventChannels,
  invokeChannels,
  sendChannels,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeChannels,
  type InvokeResponse,
  type SendChannel,
  type SendChannels,
} from '../../shared/contract/channels.js';
import { err, ok, type ErrorCode, type Result } from '../../shared/contract/errors.js';
import { FtpError } from '../ftp/errors.js';

/** What each invoke channel does, given an already validated request. */
export type InvokeHandlers = {
  readonly [C in InvokeChannel]: (
    request: z.output<InvokeChannels[C]['request']>,
  ) => Promise<InvokeResponse<C>>;
};

export type SendHandlers = {
  readonly [C in SendChannel]: (payload: z.output<SendChannels[C]>) => void;
};

/** Where services publish events; each adapter delivers them its own way. */
export type EventSink = <C extends EventChannel>(channel: C, payload: EventPayload<C>) => void;

/**
 * The receiving side of the contract, shared by both adapters: looks the channel up,
 * validates the payload with its schema (unknown keys, wrong types, CR/LF/NUL in paths and
 * oversized strings are refused), runs the handler, and turns every failure into an error
 * as data. Nothing thrown ever crosses the boundary.
 */
export class ContractRouter {
  constructor(
    private readonly invokeHandlers: InvokeHandlers,
    private readonly sendHandlers: SendHandlers,
  ) {}

  async invoke(channel: unknown, payload: unknown): Promise<Result<unknown>> {
    if (typeof channel !== 'string' || !Object.hasOwn(invokeChannels, channel)) {
      return err('bad-request', `Unknown channel: ${String(channel).slice(0, 64)}`);
    }
    const name = channel as InvokeChannel;
    const parsed = invokeChannels[name].request.safeParse(payload);
    if (!parsed.success) {
      return err('bad-request', `Invalid request for ${name}: ${describeIssues(parsed.error)}`);
    }
    const handler = this.invokeHandlers[name] as (request: unknown) => Promise<unknown>;
    try {
      return ok(await handler(parsed.data));
    } catch (error) {
      return toErrorResult(error);
    }
  }

  /** Runs a send handler; an invalid message is dropped (there is nobody to answer). */
  send(channel: unknown, payload: unknown): boolean {
    if (typeof channel !== 'string' || !Object.hasOwn(sendChannels, channel)) return false;
    const name = channel as SendChannel;
    const parsed = sendChannels[name].safeParse(payload);
    if (!parsed.success) return false;
    this.sendHandlers[name](parsed.data);
    return true;
  }
}

export function isEventChannel(channel: string): channel is EventChannel {
  return Object.hasOwn(eventChannels, channel);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`)
    .join('; ');
}

/** A service error becomes data with a stable code; anything unexpected is 'internal'. */
export function toErrorResult(error: unknown): Result<never> {
  if (error instanceof FtpError) return err(error.code, error.message);
  if (error instanceof ServiceError) return err(error.code, error.message);
  return err('internal', error instanceof Error ? error.message : String(error));
}

/** Errors the services raise themselves (not from the engine). */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
