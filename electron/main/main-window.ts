import { BrowserWindow } from 'electron';
import { APP_INDEX_URL } from '../shell-policy/app-protocol.js';
import type { EventDelivery } from '../shell-policy/ipc-adapter.js';
import type { TrustedWindows } from '../shell-policy/sender-check.js';
import { openWindow } from '../shell-policy/window-options.js';
import {
  captureWindowState,
  type Placement,
  type WindowState,
} from '../shell-policy/window-state.js';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly devTools: boolean;
  readonly dark: boolean;
  readonly placement: Placement;
  readonly trusted: TrustedWindows;
  readonly delivery: EventDelivery;
  /** The window is closing: save where it was. */
  readonly onClose: (state: WindowState) => void;
}

/** Opens the app's window: trusted for IPC while it lives, shown once it has painted. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = openWindow(BrowserWindow, {
    preloadPath: options.preloadPath,
    devTools: options.devTools,
    dark: options.dark,
    bounds: options.placement.bounds,
  });
  const contents = window.webContents;
  const id = contents.id;
  options.trusted.add(contents);
  contents.once('destroyed', () => options.trusted.remove(id));
  contents.on('did-finish-load', () => options.delivery.windowLoaded(contents));
  window.once('ready-to-show', () => {
    if (options.placement.maximized) window.maximize();
    window.show();
  });
  window.on('close', () =>
    options.onClose(captureWindowState(window.getNormalBounds(), window.isMaximized())),
  );
  window.loadURL(APP_INDEX_URL).catch((error: unknown) => {
    console.error(
      `Portside could not load its window (${APP_INDEX_URL}). Is the renderer built? Run npm run build.`,
      error,
    );
  });
  return window;
}
