import { z } from 'zod';
import { appErrorSchema, type AppError } from '../../../shared/contract/errors.js';
import { encryptions, transferModes } from '../../../shared/models/site.js';
import {
  priorities,
  transferDirections,
  transferStatuses,
  type Priority,
  type TransferItem,
} from '../../../shared/models/transfer.js';

/**
 * Where an item's connection goes, without the password: restored items find it again
 * from a live session to the same server or from the saved site.
 */
export const queueTargetSchema = z
  .object({
    host: z.string(),
    port: z.number().int().nullable(),
    user: z.string().nullable(),
    encryption: z.enum(encryptions),
    transferMode: z.enum(transferModes),
    siteId: z.string().nullable(),
  })
  .strict();
export type QueueTarget = z.infer<typeof queueTargetSchema>;

/** An item as the queue keeps (and saves) it. */
export const queueItemSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    target: queueTargetSchema,
    direction: z.enum(transferDirections),
    localPath: z.string(),
    remotePath: z.string(),
    size: z.number().nullable(),
    /** Modification time of the source, when known (for "overwrite if newer" and keeping times). */
    modified: z.number().nullable(),
    transferred: z.number(),
    status: z.enum(transferStatuses),
    priority: z.enum(priorities),
    attempts: z.number().int(),
    error: appErrorSchema.nullable(),
    /** Order of arrival, to keep FIFO within a priority. */
    order: z.number(),
  })
  .strict();
export type QueueItem = z.infer<typeof queueItemSchema>;

export const PRIORITY_RANK: Readonly<Record<Priority, number>> = {
  highest: 0,
  high: 1,
  normal: 2,
  low: 3,
  lowest: 4,
};

export function byPriority(a: QueueItem, b: QueueItem): number {
  return PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || a.order - b.order;
}

/** The view the renderer gets: live speed and time left added, internals removed. */
export function toTransferItem(item: QueueItem, speed: number | null): TransferItem {
  const left =
    item.size === null || speed === null || speed <= 0
      ? null
      : Math.max(0, (item.size - item.transferred) / speed);
  return {
    id: item.id,
    sessionId: item.sessionId,
    direction: item.direction,
    localPath: item.localPath,
    remotePath: item.remotePath,
    size: item.size,
    transferred: item.transferred,
    status: item.status,
    priority: item.priority,
    bytesPerSecond: item.status === 'active' ? speed : null,
    secondsLeft: item.status === 'active' ? left : null,
    attempts: item.attempts,
    error: item.error,
  };
}

export function failure(code: AppError['code'], message: string): AppError {
  return { code, message };
}
