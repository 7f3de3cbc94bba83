import { hostString } from '../../../shared/contract/limits.js';
import {
  siteInputSchema,
  type Encryption,
  type ListingCommand,
  type LogonType,
  type Site,
  type SiteFolder,
  type SiteInput,
  type SiteTree,
  type TransferMode,
} from '../../../shared/models/site.js';

/**
 * The Site Manager edits a draft of the whole tree; OK (or Connect) writes what differs
 * from what was loaded, Cancel drops it, as in FileZilla. Numbers stay text while typed.
 * `password`: undefined keeps the saved one, null forgets it, a string replaces it — the
 * saved password itself is never here (main never sends it).
 */
export interface DraftSite {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly host: string;
  readonly port: string;
  readonly encryption: Encryption;
  readonly logonType: LogonType;
  readonly user: string;
  readonly hasPassword: boolean;
  readonly password: string | null | undefined;
  readonly transferMode: TransferMode;
  readonly localFolder: string;
  readonly remoteFolder: string;
  readonly maxConnections: string;
  readonly comments: string;
  /** A duplicate's original: main copies its saved password (the renderer never has it). */
  readonly passwordFrom?: string | undefined;
  /** Set by the connection doctor's "Apply recommended settings"; kept through edits. */
  readonly listingCommand?: ListingCommand | undefined;
}

export interface Draft {
  readonly folders: readonly SiteFolder[];
  readonly sites: readonly DraftSite[];
}

export type SiteField = keyof Omit<DraftSite, 'id' | 'parentId' | 'hasPassword'>;
export type SiteErrors = Partial<Record<SiteField, string>>;

export function toDraftSite(site: Site): DraftSite {
  return {
    ...site,
    port: site.port === null ? '' : String(site.port),
    maxConnections: String(site.maxConnections),
    password: undefined,
  };
}

export function toDraft(tree: SiteTree): Draft {
  return { folders: [...tree.folders], sites: tree.sites.map(toDraftSite) };
}

/** An id main accepts ([A-Za-z0-9_-], ≤ 64): a random UUID without its dashes. */
export function newId(): string {
  return crypto.randomUUID().replace(/-/g, '');
}

/** "New site", or "New site 2" when a sibling already has that name. */
export function uniqueName(draft: Draft, parentId: string | null, base: string): string {
  const taken = new Set(
    [...draft.sites, ...draft.folders]
      .filter((node) => node.parentId === parentId)
      .map((node) => node.name),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

export function blankSite(draft: Draft, parentId: string | null): DraftSite {
  return {
    id: newId(),
    parentId,
    name: uniqueName(draft, parentId, 'New site'),
    host: '',
    port: '',
    encryption: 'explicit-if-available',
    logonType: 'normal',
    user: '',
    hasPassword: false,
    password: undefined,
    transferMode: 'default',
    localFolder: '',
    remoteFolder: '',
    maxConnections: '0',
    comments: '',
  };
}

/**
 * A copy beside the original, password included: a password typed in this draft comes
 * along as text; a saved one is copied by main (`passwordFrom`), since the renderer never
 * has it.
 */
export function duplicateSite(draft: Draft, site: DraftSite): DraftSite {
  const typed = typeof site.password === 'string' ? site.password : undefined;
  const savedFrom =
    typed === undefined && site.password !== null && site.hasPassword
      ? (site.passwordFrom ?? site.id)
      : undefined;
  return {
    ...site,
    id: newId(),
    name: uniqueName(draft, site.parentId, `Copy of ${site.name}`),
    hasPassword: savedFrom !== undefined,
    password: typed,
    passwordFrom: savedFrom,
  };
}

/** The ids of a folder and everything below it. */
export function descendants(draft: Draft, folderId: string): Set<string> {
  const ids = new Set<string>([folderId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const node of [...draft.folders, ...draft.sites]) {
      if (node.parentId !== null && ids.has(node.parentId) && !ids.has(node.id)) {
        ids.add(node.id);
        grew = true;
      }
    }
  }
  return ids;
}

export function removeNode(draft: Draft, id: string): Draft {
  const gone = draft.folders.some((f) => f.id === id) ? descendants(draft, id) : new Set([id]);
  return {
    folders: draft.folders.filter((f) => !gone.has(f.id)),
    sites: draft.sites.filter((s) => !gone.has(s.id)),
  };
}

export function updateSite(draft: Draft, id: string, changes: Partial<DraftSite>): Draft {
  return { ...draft, sites: draft.sites.map((s) => (s.id === id ? { ...s, ...changes } : s)) };
}

export function renameFolder(draft: Draft, id: string, name: string): Draft {
  return { ...draft, folders: draft.folders.map((f) => (f.id === id ? { ...f, name } : f)) };
}

const LINE_BREAK = /[\r\n\0]/;

/** What is wrong with a site, field by field, in words; {} when it can be saved. */
export function validateSite(site: DraftSite): SiteErrors {
  const errors: SiteErrors = {};
  if (site.name.trim() === '') errors.name = 'Enter a name for the site.';
  else if (LINE_BREAK.test(site.name)) errors.name = 'The name cannot contain line breaks.';
  const host = site.host.trim();
  if (host === '') errors.host = 'Enter the server’s host name or address.';
  else if (host.includes('://') || host.includes('/'))
    errors.host = 'Enter only the host name or address, without ftp:// or a folder.';
  else if (!hostString.safeParse(host).success)
    errors.host = 'This is not a host name or address (no spaces, @ or \\).';
  if (site.port.trim() !== '') {
    const port = Number(site.port.trim());
    if (!/^\d+$/.test(site.port.trim()) || port < 1 || port > 65535)
      errors.port = 'The port must be a number from 1 to 65535, or empty for the default.';
  }
  if (site.logonType !== 'anonymous' && site.user.trim() === '')
    errors.user = 'Enter the user name (or choose Anonymous).';
  else if (LINE_BREAK.test(site.user)) errors.user = 'The user name cannot contain line breaks.';
  if (typeof site.password === 'string' && LINE_BREAK.test(site.password))
    errors.password = 'The password cannot contain line breaks.';
  if (LINE_BREAK.test(site.localFolder))
    errors.localFolder = 'A folder cannot contain line breaks.';
  if (LINE_BREAK.test(site.remoteFolder))
    errors.remoteFolder = 'A folder cannot contain line breaks.';
  const max = Number(site.maxConnections.trim());
  if (!/^\d+$/.test(site.maxConnections.trim()) || max > 10)
    errors.maxConnections = 'Enter a number from 0 (no limit) to 10.';
  if (site.comments.length > 16_384) errors.comments = 'Comments are limited to 16,384 characters.';
  return errors;
}

/** What sites:save receives. Only for a site validateSite accepts. */
export function toSiteInput(site: DraftSite): SiteInput {
  const input = {
    id: site.id,
    parentId: site.parentId,
    name: site.name.trim(),
    host: site.host.trim(),
    port: site.port.trim() === '' ? null : Number(site.port.trim()),
    encryption: site.encryption,
    logonType: site.logonType,
    user: site.logonType === 'anonymous' ? '' : site.user.trim(),
    transferMode: site.transferMode,
    localFolder: site.localFolder.trim(),
    remoteFolder: site.remoteFolder.trim(),
    maxConnections: Number(site.maxConnections.trim()),
    comments: site.comments,
    ...(site.listingCommand === undefined ? {} : { listingCommand: site.listingCommand }),
    // Only a normal logon keeps a password; for the others main forgets any saved one.
    ...(site.password === undefined || site.logonType !== 'normal'
      ? {}
      : { password: site.password }),
    ...(site.passwordFrom === undefined || site.password !== undefined
      ? {}
      : { passwordFrom: site.passwordFrom }),
  };
  // The schema main applies: a bug here shows up as a field error, not a refused save.
  return siteInputSchema.parse(input);
}

export type Change =
  | { readonly kind: 'save-folder'; readonly folder: SiteFolder }
  | { readonly kind: 'save-site'; readonly site: DraftSite }
  | { readonly kind: 'delete'; readonly id: string; readonly name: string };

/**
 * What to send so main holds the draft: new or changed folders (parents first), new or
 * changed sites, then deletions — only the topmost of a deleted subtree, since deleting a
 * folder deletes what is in it.
 */
export function changes(original: SiteTree, draft: Draft): Change[] {
  const out: Change[] = [];
  const beforeFolders = new Map(original.folders.map((f) => [f.id, f]));
  const pending = draft.folders.filter((f) => {
    const before = beforeFolders.get(f.id);
    return before === undefined || before.name !== f.name || before.parentId !== f.parentId;
  });
  const placed = new Set(
    draft.folders.map((f) => f.id).filter((id) => !pending.some((f) => f.id === id)),
  );
  while (pending.length > 0) {
    const index = pending.findIndex((f) => f.parentId === null || placed.has(f.parentId));
    const folder = pending.splice(index === -1 ? 0 : index, 1)[0];
    if (folder === undefined) break;
    placed.add(folder.id);
    out.push({ kind: 'save-folder', folder });
  }
  const beforeSites = new Map(original.sites.map((s) => [s.id, toDraftSite(s)]));
  for (const site of draft.sites) {
    const before = beforeSites.get(site.id);
    if (before === undefined || site.password !== undefined || !sameSite(before, site)) {
      out.push({ kind: 'save-site', site });
    }
  }
  const kept = new Set([...draft.folders, ...draft.sites].map((node) => node.id));
  const removedFolders = new Set(original.folders.filter((f) => !kept.has(f.id)).map((f) => f.id));
  for (const node of [...original.folders, ...original.sites]) {
    if (kept.has(node.id)) continue;
    if (node.parentId !== null && removedFolders.has(node.parentId)) continue;
    out.push({ kind: 'delete', id: node.id, name: node.name });
  }
  return out;
}

function sameSite(a: DraftSite, b: DraftSite): boolean {
  return (Object.keys(a) as (keyof DraftSite)[]).every((key) => a[key] === b[key]);
}

/** After an import: adds what the new tree has and the old did not, keeping the edits. */
export function mergeImported(draft: Draft, before: SiteTree, after: SiteTree): Draft {
  const known = new Set([...before.folders, ...before.sites].map((node) => node.id));
  return {
    folders: [...draft.folders, ...after.folders.filter((f) => !known.has(f.id))],
    sites: [...draft.sites, ...after.sites.filter((s) => !known.has(s.id)).map(toDraftSite)],
  };
}
