// Draws the toolbar and store icons (a rounded square with a "T" and a cursor dot) as PNG files,
// so that no binary image lives in the repository. Pure Node: a tiny PNG encoder over zlib.
//
// Usage: node tools/icons.mjs OUT_DIR   (writes icon-16.png, icon-32.png, icon-48.png, icon-128.png)

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

const ACCENT = [138, 59, 18];
const PAPER = [255, 248, 240];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** The pixel's colour averaged over 4×4 samples, for smooth edges (premultiplied by alpha). */
function smooth(size, x, y, pixel) {
  const sum = [0, 0, 0, 0];
  for (let i = 0; i < 16; i += 1) {
    const [r, g, b, a] = pixel((x + ((i % 4) + 0.5) / 4) / size, (y + (Math.floor(i / 4) + 0.5) / 4) / size);
    sum[0] += r * a;
    sum[1] += g * a;
    sum[2] += b * a;
    sum[3] += a;
  }
  return sum[3] === 0 ? [0, 0, 0, 0] : [sum[0] / sum[3], sum[1] / sum[3], sum[2] / sum[3], sum[3] / 16].map(Math.round);
}

function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x += 1) row.set(smooth(size, x, y, pixel), 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The icon in unit coordinates (0..1): a rounded square, a "T", and a dot for the click. */
function icon(x, y) {
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return [0, 0, 0, 0];
  const bar = y > 0.22 && y < 0.36 && x > 0.2 && x < 0.8;
  const stem = x > 0.43 && x < 0.57 && y >= 0.36 && y < 0.8;
  const dot = (x - 0.74) ** 2 + (y - 0.72) ** 2 < 0.009;
  return [...(bar || stem || dot ? PAPER : ACCENT), 255];
}

const out = process.argv[2];
mkdirSync(out, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(join(out, `icon-${size}.png`), png(size, icon));
