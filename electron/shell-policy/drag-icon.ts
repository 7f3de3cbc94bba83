/**
 * The image shown under the cursor while dragging files out of the window. Electron
 * requires one (and a non-empty one on macOS); until the app has an icon set, a 16×16
 * page glyph drawn for this purpose.
 */
export const DRAG_ICON_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAALUlEQVR42mNgoCaISsr7jw8TZcCvX79wYoKGEDKAoCGjBowaMHgMIAZTNQcDAM11z72GL6ZiAAAAAElFTkSuQmCC';
