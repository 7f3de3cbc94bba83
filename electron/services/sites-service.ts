import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import {
  siteFolderSchema,
  siteSchema,
  type Site,
  type SiteFolder,
  type SiteInput,
  type SiteTree,
} from '../../shared/models/site.js';
import { readJsonFile, writeJsonAtomic } from './json-file.js';
import type { EventSink } from './router.js';
import { ServiceError } from './router.js';
import type { SecretStore } from './secret-store.js';

const FILE_NAME = 'sites.json';

/** A site on disk: what the renderer sees, with `passwordSaved` instead of a password. */
const storedSiteSchema = siteSchema
  .omit({ hasPassword: true })
  .extend({ passwordSaved: z.boolean() })
  .strict();
type StoredSite = z.infer<typeof storedSiteSchema>;

const fileSchema = z
  .object({
    version: z.literal(1),
    folders: z.array(siteFolderSchema),
    sites: z.array(storedSiteSchema),
  })
  .strict();
type SitesFile = z.infer<typeof fileSchema>;

export const secretKeyForSite = (siteId: string): string => `site:${siteId}`;

/**
 * The Site Manager's folders and sites. Passwords go to the SecretStore only; the file
 * says whether one was saved, and the renderer learns `hasPassword`, never the password.
 */
export class SitesService {
  private constructor(
    private readonly path: string,
    private data: SitesFile,
    private readonly secrets: SecretStore,
  ) {}

  static async open(
    userDataDir: string,
    secrets: SecretStore,
    emit: EventSink,
  ): Promise<SitesService> {
    const path = join(userDataDir, FILE_NAME);
    const outcome = await readJsonFile(path, fileSchema, {
      version: 1 as const,
      folders: [],
      sites: [],
    });
    if (outcome.status === 'corrupt') {
      emit('app:notice', {
        level: 'warning',
        message: `Your saved sites could not be read (${outcome.reason}). The file was kept as ${outcome.keptAt}.`,
      });
    }
    return new SitesService(path, outcome.value, secrets);
  }

  async list(): Promise<SiteTree> {
    const sites = await Promise.all(this.data.sites.map((site) => this.toSite(site)));
    return { folders: this.data.folders, sites };
  }

  /** The saved password of a site, for connecting: never leaves the main process. */
  async password(siteId: string): Promise<string | undefined> {
    return this.secrets.get(secretKeyForSite(siteId));
  }

  find(siteId: string): StoredSite {
    const site = this.data.sites.find((s) => s.id === siteId);
    if (site === undefined) throw new ServiceError('not-found', 'That site no longer exists');
    return site;
  }

  async save(input: SiteInput): Promise<Site> {
    this.assertFolder(input.parentId);
    const existing = this.data.sites.find((s) => s.id === input.id);
    const { password: typed, passwordFrom, ...fields } = input;
    // Duplicate: the original's saved password, copied here in main where it lives. This
    // gives the renderer nothing new: editing the original (password left out keeps it)
    // could already point that password at another host.
    const password =
      typed === undefined && passwordFrom !== undefined
        ? ((await this.password(passwordFrom)) ?? undefined)
        : typed;
    let passwordSaved = existing?.passwordSaved ?? false;
    const key = secretKeyForSite(input.id);
    if (input.logonType !== 'normal' || password === null) {
      await this.secrets.delete(key);
      passwordSaved = false;
    } else if (typeof password === 'string') {
      await this.secrets.set(key, password);
      passwordSaved = true;
    }
    const stored: StoredSite = { ...fields, passwordSaved };
    await this.write({
      ...this.data,
      sites:
        existing === undefined
          ? [...this.data.sites, stored]
          : this.data.sites.map((s) => (s.id === input.id ? stored : s)),
    });
    return this.toSite(stored);
  }

  async saveFolder(folder: SiteFolder): Promise<SiteFolder> {
    this.assertFolder(folder.parentId);
    if (folder.parentId !== null && this.isInside(folder.parentId, folder.id)) {
      throw new ServiceError('bad-request', 'A folder cannot be moved into itself');
    }
    const exists = this.data.folders.some((f) => f.id === folder.id);
    await this.write({
      ...this.data,
      folders: exists
        ? this.data.folders.map((f) => (f.id === folder.id ? folder : f))
        : [...this.data.folders, folder],
    });
    return folder;
  }

  /** Deletes a site, or a folder with everything in it (and their saved passwords). */
  async delete(id: string): Promise<void> {
    const folderIds = new Set<string>();
    if (this.data.folders.some((f) => f.id === id)) {
      folderIds.add(id);
      for (const folder of this.data.folders)
        if (this.isInside(folder.id, id)) folderIds.add(folder.id);
    }
    const removed = this.data.sites.filter(
      (s) => s.id === id || (s.parentId !== null && folderIds.has(s.parentId)),
    );
    if (removed.length === 0 && folderIds.size === 0)
      throw new ServiceError('not-found', 'Nothing to delete');
    for (const site of removed) await this.secrets.delete(secretKeyForSite(site.id));
    await this.write({
      ...this.data,
      folders: this.data.folders.filter((f) => !folderIds.has(f.id)),
      sites: this.data.sites.filter((s) => !removed.includes(s)),
    });
  }

  /** Adds many folders and sites at once (import), with fresh ids. */
  async addMany(
    folders: readonly SiteFolder[],
    sites: readonly (SiteInput & { readonly password?: string | null })[],
  ): Promise<void> {
    for (const site of sites) {
      if (typeof site.password === 'string' && site.logonType === 'normal') {
        await this.secrets.set(secretKeyForSite(site.id), site.password);
      }
    }
    const stored = sites.map(({ password, ...fields }): StoredSite => ({
      ...fields,
      passwordSaved: typeof password === 'string' && fields.logonType === 'normal',
    }));
    await this.write({
      ...this.data,
      folders: [...this.data.folders, ...folders],
      sites: [...this.data.sites, ...stored],
    });
  }

  private async toSite(stored: StoredSite): Promise<Site> {
    const { passwordSaved, ...fields } = stored;
    // A memory store forgets on restart: only claim a password the store really has.
    const hasPassword =
      passwordSaved &&
      (this.secrets.persistent ||
        (await this.secrets.get(secretKeyForSite(stored.id))) !== undefined);
    return { ...fields, hasPassword };
  }

  private assertFolder(parentId: string | null): void {
    if (parentId !== null && !this.data.folders.some((f) => f.id === parentId)) {
      throw new ServiceError('not-found', 'That folder no longer exists');
    }
  }

  /** Whether `folderId` is `ancestorId` or below it. */
  private isInside(folderId: string, ancestorId: string): boolean {
    let current: string | null = folderId;
    for (let hops = 0; current !== null && hops < 1000; hops += 1) {
      if (current === ancestorId) return true;
      current = this.data.folders.find((f) => f.id === current)?.parentId ?? null;
    }
    return false;
  }

  private async write(next: SitesFile): Promise<void> {
    await writeJsonAtomic(this.path, next);
    this.data = next;
  }
}

export function newId(): string {
  return randomUUID().replace(/-/g, '');
}
