import { extractFile, listPackage } from '@electron/asar';
import { Arch, build, Platform } from 'electron-builder';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuilderConfig, PROJECT_ROOT, RELEASE_CONFIG } from './builder-config.js';

// What a real electron-builder run packs into app.asar, from the real build output. The
// Electron download is not reachable here, so electron-builder gets a stand-in unpacked
// Electron (its `electronDist` option, the documented offline route) and no fuses (they
// are flipped inside the real binary, which the stand-in is not). Everything else is the
// release configuration: file patterns, asar, dependency handling.

const DIST = join(PROJECT_ROOT, 'dist');
let scratch: string;
let asarPath: string;
let packed: string[];

/** Every file under a folder, as project-relative paths with '/'. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      relative(PROJECT_ROOT, join(entry.parentPath, entry.name)).split(sep).join('/'),
    );
}

beforeAll(async () => {
  if (
    !existsSync(join(DIST, 'electron', 'main.mjs')) ||
    !existsSync(join(DIST, 'renderer', 'index.html'))
  ) {
    throw new Error('The app is not built: run `npm run build` before this test (npm test does).');
  }
  scratch = await mkdtemp(join(tmpdir(), 'portside-pack-'));
  const standIn = join(scratch, 'electron-dist');
  await mkdir(join(standIn, 'resources'), { recursive: true });
  await writeFile(join(standIn, 'electron'), '#!/bin/sh\necho "stand-in for Electron"\n');
  await chmod(join(standIn, 'electron'), 0o755);
  for (const name of ['LICENSE', 'LICENSES.chromium.html', 'version']) {
    await writeFile(join(standIn, name), '');
  }
  await build({
    projectDir: PROJECT_ROOT,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    // Merged over electron-builder.yml, which electron-builder loads from the project.
    config: {
      electronDist: standIn,
      electronFuses: null,
      directories: { output: join(scratch, 'out') },
    },
    publish: 'never',
  });
  asarPath = join(scratch, 'out', 'linux-unpacked', 'resources', 'app.asar');
  packed = listPackage(asarPath, { isPack: false }).map((entry) =>
    entry.split(sep).join('/').replace(/^\//, ''),
  );
}, 180_000);

afterAll(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

describe('the packed app (app.asar of a Linux dir build)', () => {
  it('holds exactly the build output the app runs, and package.json', async () => {
    const files = [
      'dist/electron/main.mjs',
      'dist/electron/preload.cjs',
      ...(await filesUnder(join(DIST, 'renderer'))).filter((file) => !file.endsWith('.map')),
      'package.json',
    ];
    // The archive lists folders as entries too: each file's parent folders.
    const folders = files.flatMap((file) =>
      file
        .split('/')
        .slice(0, -1)
        .map((_, index, parts) => parts.slice(0, index + 1).join('/')),
    );
    expect([...new Set(packed)].sort()).toEqual([...new Set([...files, ...folders])].sort());
  });

  it('packs no node_modules, no sources, no source maps, no other build output', () => {
    expect(packed.filter((entry) => /(^|\/)node_modules(\/|$)/.test(entry))).toEqual([]);
    expect(packed.filter((entry) => entry.endsWith('.map') || entry.endsWith('.ts'))).toEqual([]);
    expect(
      packed.filter((entry) =>
        /^(dist\/(web|cli)|electron|renderer|shared|build)(\/|$)/.test(entry),
      ),
    ).toEqual([]);
  });

  it('gives Electron a package.json whose main is in the archive', () => {
    const manifest = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as {
      main: string;
      productName: string;
    };
    expect(packed).toContain(manifest.main);
    expect(manifest.productName).toBe('Portside');
  });

  it('has a file for every pattern in the configuration', async () => {
    const config = await loadBuilderConfig(RELEASE_CONFIG);
    const patterns = [config.files ?? []]
      .flat()
      .flatMap((set) => (typeof set === 'string' ? [set] : [set.filter ?? []].flat()))
      .filter((pattern) => !pattern.startsWith('!'));
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) {
      const prefix = pattern.replace(/\*\*\/\*$/, '');
      expect(
        packed.some(
          (entry) => entry === pattern || (prefix !== pattern && entry.startsWith(prefix)),
        ),
        pattern,
      ).toBe(true);
    }
  });
});
