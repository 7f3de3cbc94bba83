// Bundles the Node entry points with esbuild. Type checking is `tsc -b` (npm run typecheck);
// this only emits JavaScript, so it is fast enough to run on every `npm install` (prepare).
import { build } from 'esbuild';
import { chmod, rm } from 'node:fs/promises';

// Bundles that include CommonJS packages (ws, ftp-srv) which require Node built-ins need a
// real `require` inside the ESM output.
const esmRequire =
  "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);";

/** @type {import('esbuild').BuildOptions} */
const nodeEntry = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
};

// Split so what `get` and `put` never run stays out of the file Node parses at start-up:
// the doctor (loaded on use) brings zod, 0.8 MB of the 1 MB single-file bundle, and parsing
// it cost every run about 15 ms (issue 8).
await rm('dist/cli', { recursive: true, force: true });
await build({
  ...nodeEntry,
  entryPoints: { portside: 'electron/cli/main.ts' },
  outdir: 'dist/cli',
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: '#!/usr/bin/env node' },
});
await chmod('dist/cli/portside.mjs', 0o755);

// The browser host.
await build({
  ...nodeEntry,
  entryPoints: ['electron/web/main.ts'],
  outfile: 'dist/web/portside-web.mjs',
  banner: { js: esmRequire },
});

// The Electron main process, as an ES module (Electron ≥ 28 loads one). 'electron' is
// provided by the runtime, never bundled. Electron 45 runs Node 22.
await build({
  ...nodeEntry,
  target: 'node22',
  entryPoints: ['electron/main/main.ts'],
  outfile: 'dist/electron/main.mjs',
  external: ['electron'],
});

// The preload runs in a sandboxed renderer, which can require only 'electron' (and a few
// polyfills): one self-contained CommonJS file. It imports only the channel-name lists
// and buildBridge, so it stays small (no zod).
await build({
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'chrome130',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
});

// `npm run demo`: the browser host plus an embedded FTP server (ftp-srv, a dev dependency
// loaded from node_modules: it is only for a checkout).
await build({
  ...nodeEntry,
  entryPoints: ['electron/demo/demo.ts'],
  outfile: 'dist/web/portside-demo.mjs',
  external: ['ftp-srv'],
  banner: { js: esmRequire },
});
