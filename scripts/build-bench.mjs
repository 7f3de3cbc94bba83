// Bundles the benchmark (bench/main.ts, which imports the real-server harness from
// e2e/servers and the engine's listing parsers) into dist/bench/bench.mjs, next to the CLI
// it measures (dist/cli/portside.mjs). Kept out of build.mjs: `prepare` need not build it.
import { build } from 'esbuild';

await build({
  entryPoints: ['bench/main.ts'],
  outfile: 'dist/bench/bench.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
});
