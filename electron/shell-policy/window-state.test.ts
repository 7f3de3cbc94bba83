import { describe, expect, it } from 'vitest';
import { WINDOW_SIZE } from './window-options.js';
import {
  captureWindowState,
  restorePlacement,
  windowStateSchema,
  type WindowState,
} from './window-state.js';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 1280, height: 1024 };
const saved = (x: number, y: number, width: number, height: number, maximized = false) =>
  ({ version: 1, bounds: { x, y, width, height }, maximized }) as const satisfies WindowState;

describe('window state restore', () => {
  it('opens at the default size, centred by Electron, when nothing was saved', () => {
    expect(restorePlacement(null, [primary], WINDOW_SIZE)).toEqual({
      bounds: { width: WINDOW_SIZE.width, height: WINDOW_SIZE.height },
      maximized: false,
    });
  });

  it('keeps a window that fits where it was', () => {
    expect(restorePlacement(saved(100, 50, 1000, 700), [primary], WINDOW_SIZE)).toEqual({
      bounds: { x: 100, y: 50, width: 1000, height: 700 },
      maximized: false,
    });
  });

  it('keeps a window on a secondary display, and remembers it was maximised', () => {
    expect(
      restorePlacement(saved(2000, 100, 1000, 700, true), [primary, right], WINDOW_SIZE),
    ).toEqual({ bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: true });
  });

  it('centres on the primary display a window whose display was unplugged', () => {
    expect(restorePlacement(saved(2000, 100, 1000, 700), [primary], WINDOW_SIZE)).toEqual({
      bounds: { x: 460, y: 170, width: 1000, height: 700 },
      maximized: false,
    });
  });

  it('pulls a window hanging off the edge fully into the work area', () => {
    expect(restorePlacement(saved(1500, 900, 1000, 700), [primary], WINDOW_SIZE)).toEqual({
      bounds: { x: 920, y: 340, width: 1000, height: 700 },
      maximized: false,
    });
  });

  it('treats a sliver on screen as lost', () => {
    // Only 50 px of the window is on the display.
    const placement = restorePlacement(saved(1870, 100, 1000, 700), [primary], WINDOW_SIZE);
    expect(placement.bounds).toEqual({ x: 460, y: 170, width: 1000, height: 700 });
  });

  it('shrinks a window larger than the display, and grows one below the minimum', () => {
    expect(restorePlacement(saved(0, 0, 5000, 3000), [primary], WINDOW_SIZE).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1040,
    });
    expect(restorePlacement(saved(10, 10, 200, 100), [primary], WINDOW_SIZE).bounds).toEqual({
      x: 10,
      y: 10,
      width: WINDOW_SIZE.minWidth,
      height: WINDOW_SIZE.minHeight,
    });
  });

  it('fits a display smaller than the minimum size rather than overflowing it', () => {
    const tiny = { x: 0, y: 0, width: 640, height: 480 };
    expect(restorePlacement(saved(0, 0, 1000, 700), [tiny], WINDOW_SIZE).bounds).toEqual({
      x: 0,
      y: 0,
      width: 640,
      height: 480,
    });
  });

  it('saves whole-pixel normal bounds, and the file schema refuses nonsense', () => {
    const state = captureWindowState({ x: 10.4, y: 20.6, width: 999.5, height: 0 }, true);
    expect(state).toEqual(saved(10, 21, 1000, 1, true));
    expect(windowStateSchema.safeParse(state).success).toBe(true);
    expect(
      windowStateSchema.safeParse({ ...state, bounds: { ...state.bounds, width: -5 } }).success,
    ).toBe(false);
    expect(windowStateSchema.safeParse({ ...state, extra: 1 }).success).toBe(false);
  });
});
