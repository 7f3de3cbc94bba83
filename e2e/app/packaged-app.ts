// The packaged test build (`npm run dist:test`, electron-builder.test.yml): when it is
// there, the Electron project of the end-to-end suite launches it instead of the Electron
// from node_modules, so the flows run against what an installer would install (asar,
// fuses) rather than against the project folder. It is the release build with the
// inspector fuse left on, which Playwright needs to drive the main process.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

const TEST_BUILD_DIR = join(REPO_ROOT, 'release', 'test');

/** Where electron-builder's unpacked test build puts the executable, per platform. */
export function packagedExecutable(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): string | null {
  switch (platform) {
    case 'linux':
      return join(
        TEST_BUILD_DIR,
        arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`,
        'portside',
      );
    case 'darwin':
      return join(
        TEST_BUILD_DIR,
        arch === 'x64' ? 'mac' : `mac-${arch}`,
        'Portside.app',
        'Contents',
        'MacOS',
        'Portside',
      );
    case 'win32':
      return join(
        TEST_BUILD_DIR,
        arch === 'x64' ? 'win-unpacked' : `win-${arch}-unpacked`,
        'Portside.exe',
      );
    default:
      return null;
  }
}

/** The packaged test build's executable when it has been built here, else null. */
export function packagedTestBuild(): string | null {
  const executable = packagedExecutable();
  return executable !== null && existsSync(executable) ? executable : null;
}
