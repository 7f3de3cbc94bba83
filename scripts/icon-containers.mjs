// The two icon containers the installers want, built from PNG files. Both formats accept
// PNG data as is, so no image processing happens here: only headers and directories.
//
// ICO (Windows): a 6-byte header, one 16-byte directory entry per image, then the images.
// Windows Vista and later read PNG-compressed entries; a width or height of 256 is
// written as 0 because the field is one byte.
// ICNS (macOS): 'icns' and the total length, then typed chunks (type, length including
// the 8-byte chunk header, data), all big-endian. A 'TOC ' chunk first lists the others,
// as Apple's iconutil writes it.
import { Buffer } from 'node:buffer';

/**
 * The width and height a PNG's IHDR chunk declares.
 * @param {Buffer} png
 */
export function pngSize(png) {
  const signature = '89504e470d0a1a0a';
  if (
    png.subarray(0, 8).toString('hex') !== signature ||
    png.toString('latin1', 12, 16) !== 'IHDR'
  ) {
    throw new Error('not a PNG file');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** @param {readonly Buffer[]} pngs square PNGs, at most 256 pixels wide */
export function icoFromPngs(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon (2 would be a cursor)
  header.writeUInt16LE(pngs.length, 4);
  const directory = Buffer.alloc(16 * pngs.length);
  let offset = header.length + directory.length;
  pngs.forEach((png, index) => {
    const { width, height } = pngSize(png);
    if (width > 256 || height > 256) throw new Error(`ICO images are at most 256 pixels wide`);
    const entry = index * 16;
    directory.writeUInt8(width % 256, entry);
    directory.writeUInt8(height % 256, entry + 1);
    directory.writeUInt8(0, entry + 2); // no palette
    directory.writeUInt8(0, entry + 3); // reserved
    directory.writeUInt16LE(1, entry + 4); // colour planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(png.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, directory, ...pngs]);
}

/**
 * ICNS chunk types that hold PNG data, by the pixel size they hold. The Retina ("2x")
 * types hold the same pixels as the next size up; macOS picks them by type, not by size.
 */
export const ICNS_TYPES = [
  { type: 'icp4', pixels: 16 },
  { type: 'icp5', pixels: 32 },
  { type: 'ic11', pixels: 32 }, // 16@2x
  { type: 'icp6', pixels: 64 },
  { type: 'ic12', pixels: 64 }, // 32@2x
  { type: 'ic07', pixels: 128 },
  { type: 'ic08', pixels: 256 },
  { type: 'ic13', pixels: 256 }, // 128@2x
  { type: 'ic09', pixels: 512 },
  { type: 'ic14', pixels: 512 }, // 256@2x
  { type: 'ic10', pixels: 1024 }, // 512@2x
];

/** @param {ReadonlyMap<number, Buffer>} pngsBySize square PNGs keyed by their width */
export function icnsFromPngs(pngsBySize) {
  const chunks = ICNS_TYPES.map(({ type, pixels }) => {
    const png = pngsBySize.get(pixels);
    if (png === undefined) throw new Error(`ICNS needs a ${pixels}×${pixels} PNG`);
    if (pngSize(png).width !== pixels) throw new Error(`the ${pixels}-pixel PNG is not that size`);
    return chunk(type, png);
  });
  const toc = Buffer.alloc(8 * chunks.length);
  chunks.forEach((data, index) => {
    data.copy(toc, index * 8, 0, 8); // each chunk's type and length
  });
  const body = [chunk('TOC ', toc), ...chunks];
  const total = 8 + body.reduce((sum, part) => sum + part.length, 0);
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'latin1');
  header.writeUInt32BE(total, 4);
  return Buffer.concat([header, ...body]);
}

/**
 * @param {string} type four characters
 * @param {Buffer} data
 */
function chunk(type, data) {
  const header = Buffer.alloc(8);
  header.write(type, 0, 'latin1');
  header.writeUInt32BE(data.length + 8, 4);
  return Buffer.concat([header, data]);
}
