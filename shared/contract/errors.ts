import { z } from 'zod';

/**
 * Errors cross the boundary as data: Electron drops class instances, and the UI switches
 * on stable codes. The engine's codes come first; the rest belong to the app.
 */
export const errorCodes = [
  'auth',
  'network',
  'timeout',
  'protocol',
  'tls',
  'refused-by-server',
  'local-fs',
  'cancelled',
  'invalid-argument',
  'not-connected',
  'not-found',
  'bad-request',
  'forbidden',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const appErrorSchema = z
  .object({
    code: z.enum(errorCodes),
    message: z.string().max(4096),
    detail: z.string().max(16_384).optional(),
  })
  .strict();

export type AppError = Readonly<z.infer<typeof appErrorSchema>>;

/** Every invoke answers with a Result: a value, or an error as data. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err(code: ErrorCode, message: string, detail?: string): Result<never> {
  return { ok: false, error: detail === undefined ? { code, message } : { code, message, detail } };
}
