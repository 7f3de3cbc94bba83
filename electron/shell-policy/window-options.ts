import type { Bounds } from './window-state.js';

/**
 * The security baseline of DESIGN.md for every window the app opens. Each line is a
 * default in current Electron too, but spelling them out means a future default change
 * (or a copy-pasted option) cannot quietly weaken a window, and the test pins them.
 */
export function createWebPreferences(preloadPath: string, devTools: boolean) {
  return {
    preload: preloadPath,
    // The preload runs in its own JavaScript world; the page cannot reach its objects.
    contextIsolation: true,
    // The renderer process is sandboxed by the OS; the preload gets no Node either.
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    // Dropping a file on the window must not navigate to it: drops go to the panes.
    navigateOnDragDrop: false,
    // A page cannot lock the window with an endless loop of alert() dialogs.
    safeDialogs: true,
    // DevTools only in development builds (an unpacked app).
    devTools,
  } as const;
}

export type PortsideWebPreferences = ReturnType<typeof createWebPreferences>;

/** The window's background before the first paint; the renderer's theme uses the same colours. */
export const THEME_BACKGROUND = { light: '#ffffff', dark: '#1e1f22' } as const;

export const WINDOW_SIZE = {
  width: 1280,
  height: 800,
  minWidth: 800,
  minHeight: 560,
} as const;

export interface WindowOptionsInput {
  readonly preloadPath: string;
  readonly devTools: boolean;
  readonly dark: boolean;
  /** Where to put the window (from `restorePlacement`); absent: centred at the default size. */
  readonly bounds?: Bounds | undefined;
}

/** Options for `new BrowserWindow`, shown only on ready-to-show so no blank frame flashes. */
export function createWindowOptions(input: WindowOptionsInput) {
  const placement = input.bounds ?? { width: WINDOW_SIZE.width, height: WINDOW_SIZE.height };
  return {
    ...placement,
    minWidth: WINDOW_SIZE.minWidth,
    minHeight: WINDOW_SIZE.minHeight,
    title: 'Portside',
    backgroundColor: input.dark ? THEME_BACKGROUND.dark : THEME_BACKGROUND.light,
    show: false,
    webPreferences: createWebPreferences(input.preloadPath, input.devTools),
  };
}

/** Which background to paint: the user's theme setting, else the OS preference. */
export function prefersDark(theme: 'system' | 'light' | 'dark', systemDark: boolean): boolean {
  return theme === 'system' ? systemDark : theme === 'dark';
}
