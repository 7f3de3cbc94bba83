/** What a remote listing says about one entry, whatever format the server used. */
export type RemoteEntryKind = 'file' | 'directory' | 'symlink' | 'other';

export interface RemoteEntry {
  /** One plain path component: never '.', '..', or containing '/', '\\' or NUL. */
  readonly name: string;
  readonly kind: RemoteEntryKind;
  /** Size in bytes, or null when the listing does not say. */
  readonly size: number | null;
  /** Last modification, ms since the epoch (UTC where the format says so), or null. */
  readonly modified: number | null;
  /** Unix permission string ('rwxr-xr-x'), an octal mode from MLSD, or null. */
  readonly permissions: string | null;
  readonly owner: string | null;
  readonly group: string | null;
  /** Where a symlink points, when the listing says. */
  readonly linkTarget: string | null;
}
