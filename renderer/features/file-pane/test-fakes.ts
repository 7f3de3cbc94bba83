/**
 * Test data for the panes and the queue: entries, listings, sessions, queue items, and a
 * DataTransfer stand-in (jsdom has none). Test-only; nothing in the app imports it.
 */
import type { LocalEntry } from '../../../shared/models/local-entry.js';
import type { RemoteEntry } from '../../../shared/models/remote-entry.js';
import type { SessionInfo } from '../../../shared/models/session.js';
import type { TransferItem } from '../../../shared/models/transfer.js';
import type { PaneEntry } from './pane-entry.js';

/** A fixed time, so dates render the same on every run. */
export const MODIFIED = Date.UTC(2024, 0, 15, 10, 30);

export function localFile(name: string, size = 100, modified = MODIFIED): LocalEntry {
  return { name, kind: 'file', size, modified, permissions: 'rw-r--r--' };
}

export function localDir(name: string, modified = MODIFIED): LocalEntry {
  return { name, kind: 'directory', size: null, modified, permissions: 'rwxr-xr-x' };
}

export function remoteFile(
  name: string,
  size = 100,
  extra: Partial<RemoteEntry> = {},
): RemoteEntry {
  return {
    name,
    kind: 'file',
    size,
    modified: MODIFIED,
    permissions: 'rw-r--r--',
    owner: 'ftp',
    group: 'ftp',
    linkTarget: null,
    ...extra,
  };
}

export function remoteDir(name: string, extra: Partial<RemoteEntry> = {}): RemoteEntry {
  return remoteFile(name, 0, { kind: 'directory', size: null, permissions: 'rwxr-xr-x', ...extra });
}

export function paneEntry(name: string, extra: Partial<PaneEntry> = {}): PaneEntry {
  return {
    name,
    kind: 'file',
    size: 0,
    modified: null,
    permissions: null,
    owner: null,
    group: null,
    linkTarget: null,
    ...extra,
  };
}

export function session(extra: Partial<SessionInfo> = {}): SessionInfo {
  return {
    sessionId: 's1',
    state: 'connected',
    host: '127.0.0.1',
    port: 2121,
    user: 'alice',
    secure: false,
    dataMode: 'passive',
    remotePath: '/',
    system: 'UNIX Type: L8',
    siteId: null,
    error: null,
    ...extra,
  };
}

export function transferItem(id: string, extra: Partial<TransferItem> = {}): TransferItem {
  return {
    id,
    sessionId: 's1',
    direction: 'download',
    localPath: `/home/user/${id}.bin`,
    remotePath: `/pub/${id}.bin`,
    size: 1000,
    transferred: 0,
    status: 'queued',
    priority: 'normal',
    bytesPerSecond: null,
    secondsLeft: null,
    attempts: 0,
    error: null,
    ...extra,
  };
}

/** The parts of DataTransfer the panes use, backed by a Map. */
export interface FakeDataTransfer {
  readonly types: string[];
  readonly files: File[];
  readonly items: { kind: string; getAsFile(): File | null; webkitGetAsEntry?(): unknown }[];
  effectAllowed: string;
  dropEffect: string;
  setData(type: string, value: string): void;
  getData(type: string): string;
}

export function fakeDataTransfer(files: readonly File[] = []): FakeDataTransfer {
  const data = new Map<string, string>();
  const types: string[] = files.length > 0 ? ['Files'] : [];
  return {
    types,
    files: [...files],
    items: files.map((file) => ({ kind: 'file', getAsFile: () => file })),
    effectAllowed: 'all',
    dropEffect: 'none',
    setData(type, value) {
      data.set(type, value);
      if (!types.includes(type)) types.push(type);
    },
    getData(type) {
      return data.get(type) ?? '';
    },
  };
}
