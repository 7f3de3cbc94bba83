/**
 * Remote paths are POSIX-like strings the server interprets; these helpers never resolve
 * `..` or touch the characters of a name, because a name is sent to the server exactly as
 * it appeared in its listing.
 */
export function joinRemote(folder: string, name: string): string {
  if (folder === '') return name;
  return folder.endsWith('/') ? `${folder}${name}` : `${folder}/${name}`;
}

export function remoteBasename(path: string): string {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const slash = trimmed.lastIndexOf('/');
  return slash === -1 ? trimmed : trimmed.slice(slash + 1);
}

export function remoteParent(path: string): string {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const slash = trimmed.lastIndexOf('/');
  if (slash === -1) return '';
  return slash === 0 ? '/' : trimmed.slice(0, slash);
}
