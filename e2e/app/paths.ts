// Where the built app and the repository are, for the end-to-end fixtures. The specs
// drive what `npm run build` produced (dist/), never the sources: that is what ships.
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The browser host's bundle (electron/web/main.ts), as `npm run web` runs it. */
export const WEB_HOST_ENTRY = fileURLToPath(
  new URL('../../dist/web/portside-web.mjs', import.meta.url),
);
/** The built renderer the host serves. */
export const RENDERER_INDEX = fileURLToPath(
  new URL('../../dist/renderer/index.html', import.meta.url),
);
/** The Electron main process bundle (package.json "main"). */
export const ELECTRON_MAIN = fileURLToPath(
  new URL('../../dist/electron/main.mjs', import.meta.url),
);
