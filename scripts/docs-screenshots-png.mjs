// Shrinks the docs' screenshots: rewrites an opaque 8-bit RGB(A) PNG as a
// 256-colour palette PNG (median cut, no dithering), which for flat UI
// screenshots is about a third of Chromium's truecolour file and reads the
// same. No image tools are installed here (and nothing can be downloaded), so
// this is the small PNG codec the job needs and no more: non-interlaced,
// bit depth 8, colour types 2 and 6 in; colour type 3 out.
// Usage: node scripts/docs-screenshots-png.mjs FILE.png...
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function chunks(png) {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  const out = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    out.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

// The pixels as 0xRRGGBB numbers, row by row.
function decode(png) {
  const parts = chunks(png);
  const header = parts[0].data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [depth, colourType, , , interlace] = header.subarray(8, 13);
  if (depth !== 8 || (colourType !== 2 && colourType !== 6) || interlace !== 0) {
    throw new Error(`unsupported PNG (depth ${depth}, colour type ${colourType}, interlace ${interlace})`);
  }
  const bpp = colourType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(parts.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * bpp;
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const at = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? rows[at + x - bpp] : 0;
      const b = y > 0 ? rows[at - stride + x] : 0;
      const c = x >= bpp && y > 0 ? rows[at - stride + x - bpp] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      rows[at + x] = (line[x] + predictor) & 255;
    }
  }
  const pixels = new Uint32Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    if (bpp === 4 && rows[i * 4 + 3] !== 255) throw new Error('the screenshot is not opaque');
    pixels[i] = (rows[i * bpp] << 16) | (rows[i * bpp + 1] << 8) | rows[i * bpp + 2];
  }
  return { width, height, pixels };
}

const channel = (colour, c) => (colour >> (16 - 8 * c)) & 255;

// The palette: the colours that fill the most pixels (backgrounds, borders,
// buttons) exactly, then a median cut of all the other colours (anti-aliased
// text edges, chart lines): split the box with the widest channel range at
// its pixel-weighted median. Without the exact colours, large flat areas would
// win the splits and thin borders and brand colours would blur together.
const EXACT_COLOURS = 128;
const EXACT_MIN_PIXELS = 40;

function palette(counts) {
  const byCount = [...counts.keys()].sort((p, q) => counts.get(q) - counts.get(p));
  const exact = byCount.slice(0, EXACT_COLOURS).filter((colour) => counts.get(colour) >= EXACT_MIN_PIXELS);
  const rest = byCount.slice(exact.length);
  let boxes = rest.length ? [rest] : [];
  const spread = (box) => {
    let best = { range: -1, c: 0 };
    for (let c = 0; c < 3; c++) {
      let lo = 255, hi = 0;
      for (const colour of box) { const v = channel(colour, c); lo = Math.min(lo, v); hi = Math.max(hi, v); }
      if (hi - lo > best.range) best = { range: hi - lo, c };
    }
    return best;
  };
  const weight = (box) => box.reduce((sum, colour) => sum + counts.get(colour), 0);
  while (exact.length + boxes.length < 256) {
    let pick = -1, score = 0, axis = 0;
    boxes.forEach((box, i) => {
      if (box.length < 2) return;
      const { range, c } = spread(box);
      if (range > score) { score = range; pick = i; axis = c; }
    });
    if (pick < 0) break;
    const box = boxes[pick].sort((p, q) => channel(p, axis) - channel(q, axis));
    let half = weight(box) / 2, cut = 1;
    for (let i = 0; i < box.length - 1; i++) { half -= counts.get(box[i]); if (half <= 0) { cut = i + 1; break; } }
    boxes = [...boxes.slice(0, pick), box.slice(0, cut), box.slice(cut), ...boxes.slice(pick + 1)];
  }
  const means = boxes.map((box) => {
    const sum = [0, 0, 0];
    let n = 0;
    for (const colour of box) {
      const k = counts.get(colour);
      for (let c = 0; c < 3; c++) sum[c] += channel(colour, c) * k;
      n += k;
    }
    return sum.map((v) => Math.round(v / n));
  });
  return [...exact.map((colour) => [0, 1, 2].map((c) => channel(colour, c))), ...means];
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

let crcTable = null;
function crc32(bytes) {
  crcTable ??= Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function toPalettePng(png) {
  const { width, height, pixels } = decode(png);
  const counts = new Map();
  for (const p of pixels) counts.set(p, (counts.get(p) ?? 0) + 1);
  const colours = palette(counts);
  const index = new Map();
  for (const colour of counts.keys()) {
    let best = 0, bestDistance = Infinity;
    colours.forEach((rgb, i) => {
      const d = (rgb[0] - channel(colour, 0)) ** 2 + (rgb[1] - channel(colour, 1)) ** 2 + (rgb[2] - channel(colour, 2)) ** 2;
      if (d < bestDistance) { bestDistance = d; best = i; }
    });
    index.set(colour, best);
  }
  const raw = Buffer.alloc((width + 1) * height);  // Filter 0 (none) per row: best for palette images.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = index.get(pixels[y * width + x]);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('PLTE', Buffer.from(colours.flat())),
    chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) {
    const before = readFileSync(file);
    const after = toPalettePng(before);
    if (after.length < before.length) writeFileSync(file, after);
    console.log(`${file}: ${before.length} → ${Math.min(after.length, before.length)} bytes`);
  }
}
