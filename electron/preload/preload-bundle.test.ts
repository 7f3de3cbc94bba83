import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./preload.ts', import.meta.url));

/**
 * The preload runs sandboxed: it can require 'electron' and nothing else from disk. So it
 * must bundle into one CommonJS file whose only require is 'electron', and it must stay
 * small (no zod, no services). Same options as scripts/build.mjs uses for it.
 */
describe('the preload bundle', () => {
  it('is one CommonJS file that requires only electron and bundles no schema library', async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.includes('node_modules'))).toEqual([]);
    expect(inputs.some((input) => input.endsWith('shared/contract/channels.ts'))).toBe(false);
    const code = result.outputFiles[0]?.text ?? '';
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(code).toContain('exposeInMainWorld');
    expect(code.length).toBeLessThan(20_000);
  });
});
