import { z } from 'zod';

export const remoteEntrySchema = z
  .object({
    name: z.string(),
    kind: z.enum(['file', 'directory', 'symlink', 'other']),
    size: z.number().nullable(),
    modified: z.number().nullable(),
    permissions: z.string().nullable(),
    owner: z.string().nullable(),
    group: z.string().nullable(),
    linkTarget: z.string().nullable(),
  })
  .strict();

export const remoteListingSchema = z
  .object({ path: z.string(), entries: z.array(remoteEntrySchema) })
  .strict();
