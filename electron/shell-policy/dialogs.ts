/**
 * Native open/save dialogs, as the services see them. The proposed invoke channels are
 * 'dialog:open' and 'dialog:save'; the services call these through AppServicesOptions
 * (the browser host has none and uses its own folder picker over 'local:list').
 */
export interface OpenDialogRequest {
  readonly kind: 'files' | 'directory';
  readonly multiple?: boolean | undefined;
  readonly title?: string | undefined;
  readonly defaultPath?: string | undefined;
}

export interface SaveDialogRequest {
  readonly title?: string | undefined;
  readonly defaultPath?: string | undefined;
}

export interface NativeDialogs {
  /** The chosen paths; empty when the user cancelled. */
  open(request: OpenDialogRequest): Promise<{ readonly paths: readonly string[] }>;
  /** The chosen path; null when the user cancelled. */
  save(request: SaveDialogRequest): Promise<{ readonly path: string | null }>;
}

type OpenProperty = 'openFile' | 'openDirectory' | 'multiSelections' | 'createDirectory';

/** Electron's OpenDialogOptions for a request (a subset, written out to stay testable). */
export function toOpenDialogOptions(request: OpenDialogRequest): {
  title?: string;
  defaultPath?: string;
  properties: OpenProperty[];
} {
  const properties: OpenProperty[] =
    request.kind === 'directory' ? ['openDirectory', 'createDirectory'] : ['openFile'];
  if (request.multiple === true) properties.push('multiSelections');
  return {
    ...(request.title === undefined ? {} : { title: request.title }),
    ...(request.defaultPath === undefined ? {} : { defaultPath: request.defaultPath }),
    properties,
  };
}

export function toSaveDialogOptions(request: SaveDialogRequest): {
  title?: string;
  defaultPath?: string;
  properties: ['createDirectory', 'showOverwriteConfirmation'];
} {
  return {
    ...(request.title === undefined ? {} : { title: request.title }),
    ...(request.defaultPath === undefined ? {} : { defaultPath: request.defaultPath }),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** Electron reports a cancel with `canceled` and, on some platforms, leftover paths: drop them. */
export function openDialogResult(result: {
  readonly canceled: boolean;
  readonly filePaths: readonly string[];
}): { readonly paths: readonly string[] } {
  return { paths: result.canceled ? [] : [...result.filePaths] };
}

export function saveDialogResult(result: {
  readonly canceled: boolean;
  readonly filePath?: string | undefined;
}): { readonly path: string | null } {
  return {
    path:
      result.canceled || result.filePath === undefined || result.filePath === ''
        ? null
        : result.filePath,
  };
}
