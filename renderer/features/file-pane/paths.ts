import { joinRemote } from '../../../shared/paths/remote-path.js';

/**
 * Path arithmetic for both panes. The renderer has no `node:path`, and must not guess the
 * platform from the user agent (the browser host may run on another OS than the browser
 * on some setups): a local path's separator is read from the path itself, which always
 * comes from a local:list or local:home answer (absolute, resolved).
 */
export type LocalSeparator = '/' | '\\';

export function localSeparator(path: string): LocalSeparator {
  // Decided by the path's shape, not by whether it contains a backslash: on POSIX a
  // backslash is an ordinary character of a name ("/home/u/a\\b" is one folder).
  return /^[A-Za-z]:/.test(path) || path.startsWith('\\\\') ? '\\' : '/';
}

export function joinLocal(folder: string, name: string): string {
  const sep = localSeparator(folder);
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}

/** Joins a relative path written with '/' (a dropped folder's contents) onto a local folder. */
export function joinLocalRelative(folder: string, relative: string): string {
  return relative.split('/').filter(Boolean).reduce(joinLocal, folder);
}

export { joinRemote };

/** Joins a '/'-separated relative path onto a remote folder. */
export function joinRemoteRelative(folder: string, relative: string): string {
  return relative.split('/').filter(Boolean).reduce(joinRemote, folder);
}

/** The root of an absolute local path: '/', 'C:\', or '\\server\share\'. */
export function localRoot(path: string): string {
  const drive = /^[A-Za-z]:[\\/]?/.exec(path);
  if (drive !== null) return `${path.slice(0, 2)}\\`;
  const unc = /^\\\\[^\\]+\\[^\\]+\\?/.exec(path);
  if (unc !== null) return unc[0].endsWith('\\') ? unc[0] : `${unc[0]}\\`;
  return '/';
}

/** The folder and each of its ancestors, root first: the folder tree's spine. */
export function localAncestors(path: string): string[] {
  const root = localRoot(path);
  const sep = localSeparator(path);
  const rest = path.slice(root.length).split(sep).filter(Boolean);
  const out = [root];
  let current = root;
  for (const part of rest) {
    current = joinLocal(current, part);
    out.push(current);
  }
  return out;
}

export function remoteAncestors(path: string): string[] {
  // Servers that answer PWD with something not starting at '/' (some VMS or Windows
  // servers) get a single node: their root is whatever they said.
  if (!path.startsWith('/')) return [path];
  const out = ['/'];
  let current = '/';
  for (const part of path.split('/').filter(Boolean)) {
    current = joinRemote(current, part);
    out.push(current);
  }
  return out;
}

/** The last component of a path of either side, for labels. */
export function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return cut === -1 ? trimmed || path : trimmed.slice(cut + 1) || path;
}

/** The folder holding a local path (for matching finished downloads to the pane's folder). */
export function localParentOf(path: string): string {
  const root = localRoot(path);
  const sep = localSeparator(path);
  const trimmed = path.length > root.length && path.endsWith(sep) ? path.slice(0, -1) : path;
  const cut = trimmed.lastIndexOf(sep);
  if (cut < root.length) return root;
  return trimmed.slice(0, cut);
}

/** Whether a local path lies inside a folder (at any depth). */
export function isInsideLocal(path: string, folder: string): boolean {
  const sep = localSeparator(folder);
  return path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

export function isInsideRemote(path: string, folder: string): boolean {
  return path.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
}
