// Bundles the Node entry points with esbuild. Type checking is `tsc -b` (npm run typecheck);
// this only emits JavaScript, so it is fast enough to run on every `npm install` (prepare).
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

/** @type {import('esbuild').BuildOptions} */
const nodeEntry = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
};

await build({
  ...nodeEntry,
  entryPoints: ['electron/cli/main.ts'],
  outfile: 'dist/cli/portside.mjs',
  banner: { js: '#!/usr/bin/env node' },
});
await chmod('dist/cli/portside.mjs', 0o755);
