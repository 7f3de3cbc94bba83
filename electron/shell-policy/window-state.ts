import { z } from 'zod';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A size, with a position when one was restored (Electron centres a window without one). */
export interface Bounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
}

const coordinate = z.number().int().min(-1_000_000).max(1_000_000);
const extent = z.number().int().min(1).max(100_000);

/** userData/window-state.json: the last normal (unmaximised) bounds and whether it was maximised. */
export const windowStateSchema = z
  .object({
    version: z.literal(1),
    bounds: z.object({ x: coordinate, y: coordinate, width: extent, height: extent }).strict(),
    maximized: z.boolean(),
  })
  .strict();
export type WindowState = Readonly<z.infer<typeof windowStateSchema>>;

export interface SizeLimits {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
}

export interface Placement {
  readonly bounds: Bounds;
  readonly maximized: boolean;
}

/** Less than this much of the window on a display counts as lost (a monitor was unplugged). */
const MIN_VISIBLE = { width: 120, height: 80 } as const;

/**
 * Where to open the window, given what was saved and the work areas of the displays now
 * attached (primary first). A window whose display is gone, or that would open mostly off
 * screen, is centred on the primary display; otherwise it keeps its place but is shrunk
 * and moved to fit entirely in the work area it mostly overlaps.
 */
export function restorePlacement(
  saved: WindowState | null,
  workAreas: readonly Rect[],
  limits: SizeLimits,
): Placement {
  const primary = workAreas[0];
  if (saved === null || primary === undefined) {
    return { bounds: { width: limits.width, height: limits.height }, maximized: false };
  }
  const wanted = saved.bounds;
  let best: { area: Rect; overlap: Rect | null } = { area: primary, overlap: null };
  let bestSize = 0;
  for (const area of workAreas) {
    const overlap = intersect(wanted, area);
    const size = overlap === null ? 0 : overlap.width * overlap.height;
    if (size > bestSize) {
      best = { area, overlap };
      bestSize = size;
    }
  }
  const visible =
    best.overlap !== null &&
    best.overlap.width >= MIN_VISIBLE.width &&
    best.overlap.height >= MIN_VISIBLE.height;
  const area = visible ? best.area : primary;
  const width = fit(wanted.width, limits.minWidth, area.width);
  const height = fit(wanted.height, limits.minHeight, area.height);
  const x = visible
    ? clamp(wanted.x, area.x, area.x + area.width - width)
    : area.x + Math.floor((area.width - width) / 2);
  const y = visible
    ? clamp(wanted.y, area.y, area.y + area.height - height)
    : area.y + Math.floor((area.height - height) / 2);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}

/** What to save when the window closes (normal bounds, so un-maximising restores them). */
export function captureWindowState(normalBounds: Rect, maximized: boolean): WindowState {
  return {
    version: 1,
    bounds: {
      x: Math.round(normalBounds.x),
      y: Math.round(normalBounds.y),
      width: Math.max(1, Math.round(normalBounds.width)),
      height: Math.max(1, Math.round(normalBounds.height)),
    },
    maximized,
  };
}

function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/** At least the minimum size, unless the display itself is smaller; never bigger than the display. */
function fit(value: number, minimum: number, available: number): number {
  return Math.min(Math.max(value, minimum), available);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}
