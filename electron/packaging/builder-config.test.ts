import { DebugLogger } from 'builder-util';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'electron-builder';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuilderConfig, PROJECT_ROOT, RELEASE_CONFIG, TEST_CONFIG } from './builder-config.js';

// The packaging configuration, checked where the Electron download is not reachable (so
// no installer can be built here): against electron-builder's own schema and rules, and
// against what the app needs. packed-app.test.ts checks what a build really packs.

const validate = (config: Configuration) => validateConfiguration(config, new DebugLogger(false));

/** The fuses of a hardened build (see the comments in electron-builder.yml). */
const HARDENED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
  enableCookieEncryption: true,
};

describe('electron-builder configuration', () => {
  it.each([RELEASE_CONFIG, TEST_CONFIG])(
    '%s passes electron-builder’s own validation',
    async (file) => {
      await expect(validate(await loadBuilderConfig(file))).resolves.toBeUndefined();
    },
  );

  it('is really validated: a misspelt option is refused', async () => {
    const config = await loadBuilderConfig(RELEASE_CONFIG);
    await expect(
      validate({ ...config, linux: { ...config.linux, tagret: 'deb' } } as Configuration),
    ).rejects.toThrow(/Invalid configuration object/);
  });

  it('names the app and packs it into an asar archive', async () => {
    const config = await loadBuilderConfig(RELEASE_CONFIG);
    expect(config.appId).toBe('app.portside.desktop');
    expect(config.productName).toBe('Portside');
    expect(config.asar).toBe(true);
    // Not dist/: that is the build output the installers are made from.
    expect(config.directories?.output).toBe('release');
  });

  it('builds AppImage and deb, dmg and zip for both Mac architectures, and an NSIS installer', async () => {
    const config = await loadBuilderConfig(RELEASE_CONFIG);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
  });

  it('registers ftp:// and ftps://', async () => {
    const config = await loadBuilderConfig(RELEASE_CONFIG);
    const schemes = [config.protocols ?? []].flat().flatMap((protocol) => protocol.schemes);
    expect(schemes.sort()).toEqual(['ftp', 'ftps']);
  });

  it('points every platform at an icon file that exists', async () => {
    const config = await loadBuilderConfig(RELEASE_CONFIG);
    for (const icon of [config.linux?.icon, config.mac?.icon, config.win?.icon]) {
      expect(icon).toEqual(expect.any(String));
      expect(existsSync(join(PROJECT_ROOT, icon as string)), `${icon} exists`).toBe(true);
    }
  });

  it('burns the hardened fuses into the release build', async () => {
    const config = await loadBuilderConfig(RELEASE_CONFIG);
    expect(config.electronFuses).toEqual(HARDENED_FUSES);
  });

  it('keeps the test build hardened except for the inspector Playwright drives it through', async () => {
    const release = await loadBuilderConfig(RELEASE_CONFIG);
    const test = await loadBuilderConfig(TEST_CONFIG);
    expect(test.electronFuses).toEqual({ ...HARDENED_FUSES, enableNodeCliInspectArguments: true });
    // Everything else is the release build, written elsewhere so the two never mix.
    const { electronFuses: _a, directories: releaseDirs, ...releaseRest } = release;
    const { electronFuses: _b, directories: testDirs, extends: _c, ...testRest } = test;
    expect(testRest).toEqual(releaseRest);
    expect(testDirs).toEqual({ ...releaseDirs, output: 'release/test' });
  });
});
