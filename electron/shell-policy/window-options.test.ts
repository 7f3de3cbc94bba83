import { describe, expect, it } from 'vitest';
import {
  createWebPreferences,
  createWindowOptions,
  prefersDark,
  THEME_BACKGROUND,
  WINDOW_SIZE,
} from './window-options.js';

describe('issue 9 item 27: window options match the security baseline', () => {
  it('sets exactly the baseline webPreferences, nothing more, nothing less', () => {
    expect(createWebPreferences('/app/dist/electron/preload.cjs', false)).toStrictEqual({
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
      devTools: false,
    });
  });

  it('enables DevTools only when asked (development builds)', () => {
    expect(createWebPreferences('/p.cjs', true).devTools).toBe(true);
  });

  it('opens hidden, titled, at least the minimum size, with the baseline preferences', () => {
    const options = createWindowOptions({ preloadPath: '/p.cjs', devTools: false, dark: false });
    expect(options).toStrictEqual({
      width: WINDOW_SIZE.width,
      height: WINDOW_SIZE.height,
      minWidth: WINDOW_SIZE.minWidth,
      minHeight: WINDOW_SIZE.minHeight,
      title: 'Portside',
      backgroundColor: THEME_BACKGROUND.light,
      show: false,
      webPreferences: createWebPreferences('/p.cjs', false),
    });
  });

  it('takes restored bounds and the dark background', () => {
    const options = createWindowOptions({
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
