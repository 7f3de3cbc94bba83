// `npm run icons`: renders build/icon.svg into every icon file the installers use, and
// writes them next to it. The outputs are committed, so building the app does not need
// the renderer; run this again only after changing the SVG.
//
//   build/icons/<N>x<N>.png   Linux (AppImage and deb take the folder), N = 16 … 1024
//   build/icon.png            1024×1024, for anything that wants one large PNG
//   build/icon.ico            Windows (16 … 256, PNG-compressed entries)
//   build/icon.icns           macOS (16 … 1024, including the @2x types)
//
// PNGs come from rsvg-convert (Debian: librsvg2-bin); the ICO and ICNS containers are
// assembled here (scripts/icon-containers.mjs), so no other image tool is needed.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { icnsFromPngs, icoFromPngs } from './icon-containers.mjs';

const buildDir = fileURLToPath(new URL('../build/', import.meta.url));
const source = join(buildDir, 'icon.svg');
const iconsDir = join(buildDir, 'icons');

const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/**
 * @param {number} size
 * @param {string} output
 */
function render(size, output) {
  try {
    execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), '-o', output, source]);
  } catch (error) {
    const missing = /** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT';
    throw new Error(
      missing
        ? 'rsvg-convert is not installed (Debian/Ubuntu: apt-get install librsvg2-bin; macOS: brew install librsvg)'
        : `rsvg-convert failed for ${size}×${size}`,
      { cause: error },
    );
  }
}

await mkdir(iconsDir, { recursive: true });
/** @type {Map<number, Buffer>} */
const pngs = new Map();
for (const size of PNG_SIZES) {
  const file = join(iconsDir, `${size}x${size}.png`);
  render(size, file);
  pngs.set(size, await readFile(file));
}
await copyFile(join(iconsDir, '1024x1024.png'), join(buildDir, 'icon.png'));
await writeFile(
  join(buildDir, 'icon.ico'),
  icoFromPngs(ICO_SIZES.map((size) => /** @type {Buffer} */ (pngs.get(size)))),
);
await writeFile(join(buildDir, 'icon.icns'), icnsFromPngs(pngs));
console.log(`Icons written to ${buildDir}`);
