import { describe, expect, it } from 'vitest';
import {
  openWindow,
  prefersDark,
  THEME_BACKGROUND,
  WINDOW_SIZE,
  type PortsideWindowOptions,
  type WindowOptionsInput,
} from './window-options.js';

/** A stand-in for BrowserWindow that keeps what it was constructed with. */
class RecordingWindow {
  constructor(readonly options: PortsideWindowOptions) {}
}

const optionsFor = (input: WindowOptionsInput) => openWindow(RecordingWindow, input).options;

describe('security 9.27: window options match the security baseline', () => {
  it('sets exactly the baseline webPreferences, nothing more, nothing less', () => {
    const options = optionsFor({
      preloadPath: '/app/dist/electron/preload.cjs',
      devTools: false,
      dark: false,
    });
    expect(options.webPreferences).toStrictEqual({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
  });

  it('enables DevTools only when asked (development builds)', () => {
    const options = optionsFor({ preloadPath: '/p.cjs', devTools: true, dark: false });
    expect(options.webPreferences.devTools).toBe(true);
  });

  it('opens hidden, titled, at least the minimum size, with the baseline preferences', () => {
    const options = optionsFor({ preloadPath: '/p.cjs', devTools: false, dark: false });
    expect(options).toMatchObject({
      width: WINDOW_SIZE.width,
      height: WINDOW_SIZE.height,
      minWidth: WINDOW_SIZE.minWidth,
      minHeight: WINDOW_SIZE.minHeight,
      title: 'Portside',
      backgroundColor: THEME_BACKGROUND.light,
      show: false,
    });
    expect(Object.keys(options).sort()).toEqual([
      'backgroundColor',
      'height',
      'minHeight',
      'minWidth',
      'show',
      'title',
      'webPreferences',
      'width',
    ]);
  });

  it('takes restored bounds and the dark background', () => {
    const options = optionsFor({
      preloadPath: '/p.cjs',
      devTools: false,
      dark: true,
      bounds: { x: 10, y: 20, width: 900, height: 700 },
    });
    expect(options).toMatchObject({ x: 10, y: 20, width: 900, height: 700 });
    expect(options.backgroundColor).toBe(THEME_BACKGROUND.dark);
  });

  it('follows the theme setting, else the OS', () => {
    expect(prefersDark('dark', false)).toBe(true);
    expect(prefersDark('light', true)).toBe(false);
    expect(prefersDark('system', true)).toBe(true);
    expect(prefersDark('system', false)).toBe(false);
  });
});
