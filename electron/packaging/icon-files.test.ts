import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './builder-config.js';

// The committed icon files (scripts/icons.mjs writes them from build/icon.svg), read the
// way the operating systems read them: PNG headers, the ICO directory, the ICNS chunks.
// These parsers are written apart from the writer on purpose, so a writer bug shows here.

const BUILD = join(PROJECT_ROOT, 'build');

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('icon files', () => {
  it('has the Linux PNG set, each file the size its name says', async () => {
    const names = (await readdir(join(BUILD, 'icons'))).sort((a, b) => parseInt(a) - parseInt(b));
    expect(names).toEqual([
      '16x16.png',
      '24x24.png',
      '32x32.png',
      '48x48.png',
      '64x64.png',
      '128x128.png',
      '256x256.png',
      '512x512.png',
      '1024x1024.png',
    ]);
    for (const name of names) {
      const side = parseInt(name);
      expect(pngSize(await readFile(join(BUILD, 'icons', name))), name).toEqual({
        width: side,
        height: side,
      });
    }
    expect(pngSize(await readFile(join(BUILD, 'icon.png')))).toEqual({ width: 1024, height: 1024 });
  });

  it('has an ICO whose directory lists PNG images from 16 to 256 pixels', async () => {
    const ico = await readFile(join(BUILD, 'icon.ico'));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1); // an icon, not a cursor
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const entry = 6 + index * 16;
      const side = ico.readUInt8(entry) === 0 ? 256 : ico.readUInt8(entry);
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      // The image the entry points at is a PNG of the size the entry says.
      expect(pngSize(ico.subarray(offset, offset + length))).toEqual({ width: side, height: side });
      sizes.push(side);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('has an ICNS whose table of contents matches its chunks, 16 to 1024 pixels', async () => {
    const icns = await readFile(join(BUILD, 'icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const chunks: { type: string; length: number; data: Buffer }[] = [];
    for (let offset = 8; offset < icns.length;) {
      const length = icns.readUInt32BE(offset + 4);
      expect(length).toBeGreaterThan(8);
      chunks.push({
        type: icns.toString('latin1', offset, offset + 4),
        length,
        data: icns.subarray(offset + 8, offset + length),
      });
      offset += length;
    }
    const [toc, ...images] = chunks;
    expect(toc?.type).toBe('TOC ');
    const listed = [];
    for (let offset = 0; offset < (toc?.data.length ?? 0); offset += 8) {
      listed.push({
        type: toc?.data.toString('latin1', offset, offset + 4),
        length: toc?.data.readUInt32BE(offset + 4),
      });
    }
    expect(listed).toEqual(images.map(({ type, length }) => ({ type, length })));
    const sides = Object.fromEntries(images.map(({ type, data }) => [type, pngSize(data).width]));
    expect(sides).toEqual({
      icp4: 16,
      icp5: 32,
      ic11: 32,
      icp6: 64,
      ic12: 64,
      ic07: 128,
      ic08: 256,
      ic13: 256,
      ic09: 512,
      ic14: 512,
      ic10: 1024,
    });
  });
});
