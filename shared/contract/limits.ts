import { z } from 'zod';

/**
 * Field-level schemas every payload is built from. Strings are bounded (a renderer bug or
 * a compromised page must not push megabytes through IPC), and anything that becomes part
 * of an FTP command or a file path refuses CR, LF and NUL at the boundary — the engine
 * refuses them again, but nothing should get that far.
 */
export const MAX_PATH_LENGTH = 4096;
export const MAX_TEXT_LENGTH = 1024;
export const MAX_COMMENT_LENGTH = 16_384;

const NO_LINE_BREAKS = /^[^\r\n\0]*$/;

export const pathString = z
  .string()
  .max(MAX_PATH_LENGTH)
  .regex(NO_LINE_BREAKS, 'must not contain line breaks or NUL');

export const nameString = z
  .string()
  .min(1)
  .max(1024)
  .regex(NO_LINE_BREAKS, 'must not contain line breaks or NUL');

export const textString = z
  .string()
  .max(MAX_TEXT_LENGTH)
  .regex(NO_LINE_BREAKS, 'must not contain line breaks or NUL');

export const hostString = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[^\s/\\@\0]+$/, 'not a host name or address');

export const port = z.number().int().min(1).max(65535);
export const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'not an id');
