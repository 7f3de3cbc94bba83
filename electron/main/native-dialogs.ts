import { dialog, type BrowserWindow } from 'electron';
import {
  openDialogResult,
  saveDialogResult,
  toOpenDialogOptions,
  toSaveDialogOptions,
  type NativeDialogs,
} from '../shell-policy/dialogs.js';

/** Open/save dialogs, modal to the app's window when there is one. */
export function createNativeDialogs(window: () => BrowserWindow | null): NativeDialogs {
  return {
    async open(request) {
      const options = toOpenDialogOptions(request);
      const parent = window();
      const result =
        parent === null
          ? await dialog.showOpenDialog(options)
          : await dialog.showOpenDialog(parent, options);
      return openDialogResult(result);
    },
    async save(request) {
      const options = toSaveDialogOptions(request);
      const parent = window();
      const result =
        parent === null
          ? await dialog.showSaveDialog(options)
          : await dialog.showSaveDialog(parent, options);
      return saveDialogResult(result);
    },
  };
}
