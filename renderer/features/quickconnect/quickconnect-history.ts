import { z } from 'zod';

/** One recent connection: where, never with what password. */
export interface HistoryEntry {
  readonly host: string;
  readonly port: number | null;
  readonly user: string;
  readonly secure: boolean;
}

export const HISTORY_KEY = 'portside.quickconnect.history';
export const HISTORY_LIMIT = 10;

const entrySchema = z
  .object({
    host: z.string().min(1).max(300),
    port: z.number().int().min(1).max(65535).nullable(),
    user: z.string().max(1024),
    secure: z.boolean(),
  })
  .strict();

/**
 * The quickconnect history lives in localStorage, per browser profile / Electron app. It is
 * read as untrusted (anything could have written there): a bad file is treated as empty.
 */
export function loadHistory(storage: Storage = localStorage): HistoryEntry[] {
  try {
    const raw = storage.getItem(HISTORY_KEY);
    if (raw === null) return [];
    const parsed = z.array(entrySchema).safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.slice(0, HISTORY_LIMIT) : [];
  } catch {
    return [];
  }
}

/** Puts `entry` first (moving it if it was there) and saves; returns the new list. */
export function rememberConnection(
  entry: HistoryEntry,
  storage: Storage = localStorage,
): HistoryEntry[] {
  const same = (other: HistoryEntry): boolean =>
    other.host.toLowerCase() === entry.host.toLowerCase() &&
    other.port === entry.port &&
    other.user === entry.user &&
    other.secure === entry.secure;
  const next = [entry, ...loadHistory(storage).filter((other) => !same(other))].slice(
    0,
    HISTORY_LIMIT,
  );
  save(next, storage);
  return next;
}

export function clearHistory(storage: Storage = localStorage): void {
  save([], storage);
}

function save(entries: readonly HistoryEntry[], storage: Storage): void {
  try {
    // Rebuilt field by field: nothing but these four fields is ever written.
    const clean = entries.map(({ host, port, user, secure }) => ({ host, port, user, secure }));
    storage.setItem(HISTORY_KEY, JSON.stringify(clean));
  } catch {
    // Storage full or disabled (private mode): the history is a convenience.
  }
}

/** "alice@ftp.example.com:2121", as the dropdown shows an entry. */
export function describeEntry(entry: HistoryEntry): string {
  const host = entry.host.includes(':') ? `[${entry.host}]` : entry.host;
  const scheme = entry.secure ? 'ftps://' : '';
  const user = entry.user === '' ? '' : `${entry.user}@`;
  const port = entry.port === null ? '' : `:${entry.port}`;
  return `${scheme}${user}${host}${port}`;
}
