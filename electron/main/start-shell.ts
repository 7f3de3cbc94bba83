import {
  app,
  ipcMain,
  nativeImage,
  nativeTheme,
  Notification,
  safeStorage,
  screen,
  session,
  shell,
  type BrowserWindow,
} from 'electron';
import type { OpenUrlRequest } from '../../shared/models/open-url.js';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/models/settings.js';
import { createAppServices } from '../services/create-app-services.js';
import type { ContractRouter, EventSink } from '../services/router.js';
import { appPaths } from '../shell-policy/app-paths.js';
import { DRAG_ICON_DATA_URL } from '../shell-policy/drag-icon.js';
import {
  createEventDelivery,
  observeEvent,
  registerIpcHandlers,
  type RefusedMessage,
} from '../shell-policy/ipc-adapter.js';
import { createMenuDispatcher } from '../shell-policy/menu-commands.js';
import { queueFinishedNotification } from '../shell-policy/notifications.js';
import type { LinkRelay } from '../shell-policy/ftp-links.js';
import type { TrustedWindows } from '../shell-policy/sender-check.js';
import { settleWithin } from '../shell-policy/shutdown.js';
import { prefersDark, WINDOW_SIZE } from '../shell-policy/window-options.js';
import { restorePlacement, type WindowState } from '../shell-policy/window-state.js';
import { installAppMenu } from './app-menu.js';
import { serveApp } from './app-protocol-handler.js';
import { createMainWindow } from './main-window.js';
import { createNativeDialogs } from './native-dialogs.js';
import { openSecretStore } from './safe-storage-secret-store.js';
import { hardenSession } from './session-hardening.js';
import { loadWindowState, saveWindowState } from './window-state-file.js';

/** How long quitting waits for connections to close and files to be written. */
const QUIT_LIMIT_MS = 5_000;

export interface ShellOptions {
  readonly trusted: TrustedWindows;
  readonly dev: boolean;
  readonly mainModuleUrl: string;
  /** ftp:// links opened with the app, held until the window takes them. */
  readonly links: LinkRelay;
}

export interface Shell {
  /** Brings the window to the front (a second launch of the app), opening one if none is. */
  focus(): void;
  /** Hands an ftp:// link to the window, which fills Quickconnect and asks. */
  showLink(request: OpenUrlRequest): void;
  /** Tells the user something in the window (a link that cannot be opened). */
  notify(message: string): void;
}

/**
 * The composition root of the desktop app, run once the app is ready: session rules,
 * services, IPC, menu, window, and the quit sequence. Returns what main needs afterwards.
 */
export async function startShell(options: ShellOptions): Promise<Shell> {
  const { trusted, dev } = options;
  const paths = appPaths(options.mainModuleUrl);
  const userDataDir = app.getPath('userData');
  hardenSession(session.defaultSession, dev);
  serveApp(session.defaultSession, paths.rendererDir);

  let window: BrowserWindow | null = null;
  const currentWindow = () => (window !== null && !window.isDestroyed() ? window : null);
  const focus = () => {
    const target = currentWindow();
    if (target === null) {
      // macOS keeps running without a window; a link or a notification click opens one.
      openWindow();
      return;
    }
    if (target.isMinimized()) target.restore();
    target.focus();
  };

  // The shell follows the settings (menu checkbox, notifications) by watching the events
  // the services publish, like the renderer does.
  let settings: Settings = DEFAULT_SETTINGS;
  let showForcePassive: (value: boolean) => void = () => undefined;
  const delivery = createEventDelivery(trusted);
  const emit: EventSink = observeEvent(
    observeEvent(delivery.emit, 'settings:changed', (changed) => {
      settings = changed;
      showForcePassive(changed.forcePassive);
    }),
    'queue:finished',
    (finished) => {
      const note = queueFinishedNotification(finished, {
        enabled: settings.notifyWhenQueueDone,
        windowFocused: currentWindow()?.isFocused() ?? false,
      });
      if (note === null || !Notification.isSupported()) return;
      const notification = new Notification(note);
      notification.on('click', focus);
      notification.show();
    },
  );
  const notify = (message: string) => emit('app:notice', { level: 'warning', message });

  const secrets = await openSecretStore({
    userDataDir,
    encryptor: safeStorage,
    platform: process.platform,
    notify,
  });
  const services = await createAppServices({
    userDataDir,
    secrets,
    emit,
    trash: (path) => shell.trashItem(path),
    startDrag: (files) => {
      const first = files[0];
      if (first === undefined) return;
      currentWindow()?.webContents.startDrag({
        file: first,
        files: [...files],
        icon: nativeImage.createFromDataURL(DRAG_ICON_DATA_URL),
      });
    },
    dialogs: createNativeDialogs(currentWindow),
    takeOpenUrl: () => options.links.take(),
  });
  const disposeIpc = registerIpcHandlers(ipcMain, {
    router: services.router,
    trusted,
    onRefused: logRefused,
  });

  settings = await readSettings(services.router);
  const menu = installAppMenu(
    dev,
    settings.forcePassive,
    createMenuDispatcher({
      toRenderer: (command) => emit('app:menu-command', { command }),
      setForcePassive: async (value) => {
        const result = await services.router.invoke('settings:update', { forcePassive: value });
        if (!result.ok) throw new Error(result.error.message);
      },
      forcePassive: () => settings.forcePassive,
      onError: (error) => notify(`Force Passive mode could not be changed: ${describe(error)}`),
    }),
  );
  showForcePassive = (value) => menu.update(value);

  const writes: Promise<unknown>[] = [];
  let lastState = await loadWindowState(userDataDir);
  const openWindow = () => {
    window = createMainWindow({
      preloadPath: paths.preloadPath,
      devTools: dev,
      dark: prefersDark(settings.theme, nativeTheme.shouldUseDarkColors),
      placement: restorePlacement(lastState, workAreasPrimaryFirst(), WINDOW_SIZE),
      trusted,
      delivery,
      onClose: (state: WindowState) => {
        options.links.windowClosed();
        lastState = state;
        writes.push(
          saveWindowState(userDataDir, state).catch((error: unknown) =>
            console.warn('Could not save the window position:', error),
          ),
        );
      },
    });
  };
  openWindow();

  // macOS keeps the app running with no window; clicking the dock icon opens one again.
  app.on('activate', () => {
    if (currentWindow() === null) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting) return;
    quitting = true;
    // Electron does not wait for promises: hold the quit until connections are closed
    // (QUIT sent, transfers stopped) and files written, within a limit.
    event.preventDefault();
    void settleWithin([services.dispose(), ...writes], QUIT_LIMIT_MS).finally(() => {
      disposeIpc();
      app.quit();
    });
  });

  return {
    focus,
    showLink: (request) => emit('app:open-url', request),
    notify,
  };
}

async function readSettings(router: Pick<ContractRouter, 'invoke'>): Promise<Settings> {
  const result = await router.invoke('settings:get', {});
  const parsed = result.ok ? settingsSchema.safeParse(result.value) : null;
  return parsed?.success === true ? parsed.data : DEFAULT_SETTINGS;
}

function workAreasPrimaryFirst() {
  const primary = screen.getPrimaryDisplay();
  return [
    primary.workArea,
    ...screen
      .getAllDisplays()
      .filter((display) => display.id !== primary.id)
      .map((display) => display.workArea),
  ];
}

function logRefused(refused: RefusedMessage): void {
  console.warn(
    `Refused IPC message on ${refused.channel} (${refused.reason}) from ${refused.url ?? 'a frame that no longer exists'}`,
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
