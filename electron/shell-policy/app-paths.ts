import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppPaths {
  /** The bundled preload (CommonJS: a sandboxed preload cannot be an ES module). */
  readonly preloadPath: string;
  /** The renderer build output that app://portside/ serves. */
  readonly rendererDir: string;
}

/**
 * Where the built files are, relative to the bundled main (dist/electron/main.mjs):
 * dist/electron/preload.cjs and dist/renderer/. Inside an asar archive these paths still
 * work, because Electron reads files from asar transparently.
 */
export function appPaths(mainModuleUrl: string): AppPaths {
  const here = dirname(fileURLToPath(mainModuleUrl));
  return { preloadPath: join(here, 'preload.cjs'), rendererDir: join(here, '..', 'renderer') };
}
