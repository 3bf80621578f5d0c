// Draws Kring's icon (a ring of dots around a centre: a circle of people) as PNGs into
// public/icon/. Run once when the design changes: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function icon(size) {
  const green = [11, 110, 79];
  const px = Buffer.alloc(size * size * 4);
  const c = (size - 1) / 2;
  const dots = 7;
  const ringR = size * 0.34;
  const dotR = size * 0.11;
  const centreR = size * 0.13;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // 4×4 supersampling for smooth edges.
      let cover = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const px_ = x + (sx + 0.5) / 4 - 0.5;
          const py_ = y + (sy + 0.5) / 4 - 0.5;
          let inside = Math.hypot(px_ - c, py_ - c) <= centreR;
          for (let i = 0; i < dots && !inside; i++) {
            const a = (i / dots) * 2 * Math.PI - Math.PI / 2;
            inside = Math.hypot(px_ - (c + ringR * Math.cos(a)), py_ - (c + ringR * Math.sin(a))) <= dotR;
          }
          if (inside) cover++;
        }
      }
      const o = (y * size + x) * 4;
      px[o] = green[0];
      px[o + 1] = green[1];
      px[o + 2] = green[2];
      px[o + 3] = Math.round((cover / 16) * 255);
    }
  }
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 48, 96, 128]) writeFileSync(new URL(`../public/icon/${size}.png`, import.meta.url), icon(size));
