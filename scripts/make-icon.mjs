// Draws images/icon.png (128x128): twelve ring segments, one per factor, on a
// dark rounded square. Node built-ins only (zlib for the PNG's IDAT).
// Run: node scripts/make-icon.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // supersampling per axis, for smooth edges
const BACKGROUND = [30, 41, 59];
const SEGMENT = [52, 211, 153];
const SEGMENT_DIM = [71, 85, 105];
const CENTER = [241, 245, 249];

/** The colour (RGBA) at a point in a 0..SIZE square, or undefined for transparent. */
function colourAt(x, y) {
  const c = SIZE / 2;
  if (!insideRoundedSquare(x, y, 4, SIZE - 4, 24)) return undefined;
  const dx = x - c;
  const dy = y - c;
  const r = Math.hypot(dx, dy);
  if (r < 16) return CENTER;
  if (r >= 26 && r <= 52) {
    // Clockwise from twelve o'clock; a gap between segments.
    const angle = (Math.atan2(dx, -dy) + 2 * Math.PI) % (2 * Math.PI);
    const slot = (angle / (2 * Math.PI)) * 12;
    const within = slot - Math.floor(slot);
    const gap = 3 / r / ((2 * Math.PI) / 12);
    if (within > gap / 2 && within < 1 - gap / 2) return Math.floor(slot) < 9 ? SEGMENT : SEGMENT_DIM;
  }
  return BACKGROUND;
}

function insideRoundedSquare(x, y, lo, hi, radius) {
  const cx = Math.min(Math.max(x, lo + radius), hi - radius);
  const cy = Math.min(Math.max(y, lo + radius), hi - radius);
  return x >= lo && x <= hi && y >= lo && y <= hi && Math.hypot(x - cx, y - cy) <= radius;
}

function render() {
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let x = 0; x < SIZE; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = colourAt(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const o = 1 + x * 4;
      if (a > 0) {
        row[o] = Math.round(r / a);
        row[o + 1] = Math.round(g / a);
        row[o + 2] = Math.round(b / a);
      }
      row[o + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(render(), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync(new URL('../images/', import.meta.url), { recursive: true });
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
