import { z } from 'zod';
import { appErrorSchema } from '../contract/errors.js';
import { id, pathString } from '../contract/limits.js';
import { fileExistsActions } from './settings.js';

export const transferDirections = ['download', 'upload'] as const;
export type TransferDirection = (typeof transferDirections)[number];

export const transferStatuses = ['queued', 'active', 'failed', 'done', 'skipped'] as const;
export type TransferStatus = (typeof transferStatuses)[number];

export const priorities = ['lowest', 'low', 'normal', 'high', 'highest'] as const;
export type Priority = (typeof priorities)[number];

/** One file in the transfer queue, as the queue panel shows it. */
export const transferItemSchema = z
  .object({
    id,
    sessionId: id,
    direction: z.enum(transferDirections),
    localPath: z.string(),
    remotePath: z.string(),
    /** Bytes, when known (from the listing or the local file). */
    size: z.number().nullable(),
    transferred: z.number(),
    status: z.enum(transferStatuses),
    priority: z.enum(priorities),
    bytesPerSecond: z.number().nullable(),
    secondsLeft: z.number().nullable(),
    attempts: z.number().int(),
    /** Why it failed, in words a person can act on. */
    error: appErrorSchema.nullable(),
  })
  .strict();
export type TransferItem = Readonly<z.infer<typeof transferItemSchema>>;

/** What the user asked to transfer: a file, or a folder to walk. */
export const transferRequestSchema = z
  .object({
    direction: z.enum(transferDirections),
    kind: z.enum(['file', 'directory']),
    localPath: pathString,
    remotePath: pathString,
    size: z.number().nonnegative().nullable().optional(),
  })
  .strict();
export type TransferRequest = Readonly<z.infer<typeof transferRequestSchema>>;

export const queueStateSchema = z
  .object({
    running: z.boolean(),
    active: z.number().int(),
    queued: z.number().int(),
    failed: z.number().int(),
    done: z.number().int(),
    bytesPerSecond: z.number(),
  })
  .strict();
export type QueueState = Readonly<z.infer<typeof queueStateSchema>>;

/** The "Target file already exists" question. */
export const fileExistsQuestionSchema = z
  .object({
    requestId: id,
    itemId: id,
    direction: z.enum(transferDirections),
    /** The path that exists (local for downloads, remote for uploads). */
    target: z.string(),
    source: z.object({ size: z.number().nullable(), modified: z.number().nullable() }).strict(),
    existing: z.object({ size: z.number().nullable(), modified: z.number().nullable() }).strict(),
  })
  .strict();
export type FileExistsQuestion = Readonly<z.infer<typeof fileExistsQuestionSchema>>;

export const fileExistsAnswerActions = fileExistsActions.filter((a) => a !== 'ask') as Exclude<
  (typeof fileExistsActions)[number],
  'ask'
>[];
export const fileExistsAnswerSchema = z
  .object({
    requestId: id,
    action: z.enum([
      'overwrite',
      'overwrite-if-newer',
      'overwrite-if-size-differs',
      'resume',
      'rename',
      'skip',
    ]),
    /** Apply to the rest of this queue, or save as the default action. */
    remember: z.enum(['no', 'queue', 'always']),
  })
  .strict();
export type FileExistsAnswer = Readonly<z.infer<typeof fileExistsAnswerSchema>>;
