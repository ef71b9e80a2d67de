// Crops a PNG (8-bit RGB or RGBA, not interlaced: what browsers' screenshots are) to a
// rectangle. WebKitWebDriver's element screenshots come out shifted on WebKitGTK, so the
// engine runner crops the window screenshot to the element's rectangle instead.
import { deflateSync, inflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 255] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** png: Buffer; x, y, width, height in pixels (clamped to the image). Returns a PNG Buffer. */
export function cropPng(png, { x, y, width, height }) {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG");
  let pos = 8, ihdr, idat = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos), type = png.toString("ascii", pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") ihdr = data;
    if (type === "IDAT") idat.push(data);
    pos += 12 + len;
  }
  const w = ihdr.readUInt32BE(0), h = ihdr.readUInt32BE(4);
  const [depth, colour, , , interlace] = ihdr.subarray(8, 13);
  const bpp = colour === 6 ? 4 : colour === 2 ? 3 : 0;
  if (depth !== 8 || !bpp || interlace) throw new Error(`unsupported PNG (depth ${depth}, colour ${colour}, interlace ${interlace})`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = w * bpp;
  const pixels = Buffer.alloc(h * stride);
  for (let r = 0; r < h; r++) {
    const filter = raw[r * (stride + 1)];
    const line = raw.subarray(r * (stride + 1) + 1, (r + 1) * (stride + 1));
    const out = pixels.subarray(r * stride, (r + 1) * stride);
    const prev = r ? pixels.subarray((r - 1) * stride, r * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[i] = v & 255;
    }
  }
  const x0 = Math.max(0, Math.round(x)), y0 = Math.max(0, Math.round(y));
  const cw = Math.min(w - x0, Math.round(width)), ch = Math.min(h - y0, Math.round(height));
  const cropped = Buffer.alloc(ch * (cw * bpp + 1));
  for (let r = 0; r < ch; r++) {
    pixels.copy(cropped, r * (cw * bpp + 1) + 1, (y0 + r) * stride + x0 * bpp, (y0 + r) * stride + (x0 + cw) * bpp);
  }
  const header = Buffer.from(ihdr);
  header.writeUInt32BE(cw, 0);
  header.writeUInt32BE(ch, 4);
  return Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(cropped)), chunk("IEND", Buffer.alloc(0))]);
}
