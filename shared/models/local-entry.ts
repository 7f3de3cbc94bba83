import { z } from 'zod';

export const localEntrySchema = z
  .object({
    name: z.string().max(4096),
    kind: z.enum(['file', 'directory', 'symlink', 'other']),
    size: z.number().nullable(),
    modified: z.number().nullable(),
    /** `rwxr-xr-x` on POSIX; null where the platform has no such thing. */
    permissions: z.string().max(16).nullable(),
  })
  .strict();

export type LocalEntry = Readonly<z.infer<typeof localEntrySchema>>;

export const localListingSchema = z
  .object({
    path: z.string().max(4096),
    parent: z.string().max(4096).nullable(),
    entries: z.array(localEntrySchema),
  })
  .strict();
export type LocalListing = Readonly<{
  path: string;
  parent: string | null;
  entries: readonly LocalEntry[];
}>;
