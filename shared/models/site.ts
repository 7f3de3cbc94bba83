import { z } from 'zod';
import {
  MAX_COMMENT_LENGTH,
  hostString,
  id,
  nameString,
  pathString,
  port,
  textString,
} from '../contract/limits.js';

/** FileZilla's "Encryption" choices, in its order. */
export const encryptions = ['explicit-if-available', 'explicit', 'implicit', 'none'] as const;
export type Encryption = (typeof encryptions)[number];

/** normal: user and saved password; ask: prompt for the password on every connect. */
export const logonTypes = ['anonymous', 'normal', 'ask'] as const;
export type LogonType = (typeof logonTypes)[number];

export const transferModes = ['default', 'active', 'passive'] as const;
export type TransferMode = (typeof transferModes)[number];

/** auto: MLSD when the server offers it, else LIST; list: always LIST (broken MLSD output). */
export const listingCommands = ['auto', 'list'] as const;
export type ListingCommand = (typeof listingCommands)[number];

/** A site as the renderer sees it: never with its password, only whether one is saved. */
export const siteSchema = z
  .object({
    id,
    parentId: id.nullable(),
    name: nameString,
    host: hostString,
    port: port.nullable(),
    encryption: z.enum(encryptions),
    logonType: z.enum(logonTypes),
    user: textString,
    hasPassword: z.boolean(),
    transferMode: z.enum(transferModes),
    localFolder: pathString,
    remoteFolder: pathString,
    maxConnections: z.number().int().min(0).max(10),
    /** Optional: sites saved before it existed read as 'auto'. */
    listingCommand: z.enum(listingCommands).optional(),
    comments: z.string().max(MAX_COMMENT_LENGTH),
  })
  .strict();
export type Site = Readonly<z.infer<typeof siteSchema>>;

export const siteFolderSchema = z
  .object({ id, parentId: id.nullable(), name: nameString })
  .strict();
export type SiteFolder = Readonly<z.infer<typeof siteFolderSchema>>;

export const siteTreeSchema = z
  .object({
    folders: z.array(siteFolderSchema).max(10_000),
    sites: z.array(siteSchema).max(10_000),
  })
  .strict();
export type SiteTree = Readonly<{ folders: readonly SiteFolder[]; sites: readonly Site[] }>;

/**
 * Saving a site: `password` undefined keeps the saved one, null forgets it, a string
 * replaces it. The renderer can set a password but never read one back.
 */
export const siteInputSchema = siteSchema
  .omit({ hasPassword: true })
  .extend({
    password: z.string().max(1024).nullable().optional(),
    /**
     * A copy of a site (Duplicate): take the saved password of this other site, which the
     * renderer never sees. Ignored when `password` is given.
     */
    passwordFrom: id.optional(),
  })
  .strict();
export type SiteInput = Readonly<z.infer<typeof siteInputSchema>>;

export const siteFolderInputSchema = siteFolderSchema;
