#!/usr/bin/env node
/**
 * Draws the tabBar icons (81x81 RGBA PNG, 4x4 supersampled line glyphs) into src/assets/tabbar/.
 * Run: node tests/mp/tools/make-tabbar-icons.js   (the PNGs are committed; rerun only to change them)
 *   report  — a camera (随手拍)
 *   cases   — a document with lines (我的诉求)
 *   me      — a person (我的)
 */
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')

const SIZE = 81
const SS = 4 // samples per axis
const STROKE = 6
const COLORS = { normal: [0x86, 0x90, 0x9c], active: [0x16, 0x77, 0xff] }

const ring = (cx, cy, r) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= STROKE / 2
const disc = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r
function segment(ax, ay, bx, by) {
  return (x, y) => {
    const dx = bx - ax
    const dy = by - ay
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= STROKE / 2
  }
}
function roundRect(x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2
  const cy = (y0 + y1) / 2
  const hx = (x1 - x0) / 2 - r
  const hy = (y1 - y0) / 2 - r
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx
    const qy = Math.abs(y - cy) - hy
    const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0))
    const d = outside + Math.min(Math.max(qx, qy), 0) - r
    return Math.abs(d) <= STROKE / 2
  }
}
function arcAbove(cx, cy, r, yMax) {
  const base = ring(cx, cy, r)
  return (x, y) => y <= yMax && base(x, y)
}

const GLYPHS = {
  report: [
    roundRect(12, 24, 69, 66, 10),
    segment(29, 18, 52, 18),
    segment(29, 18, 26, 24),
    segment(52, 18, 55, 24),
    ring(40.5, 45, 11),
    disc(59, 33, 2.6),
  ],
  cases: [
    roundRect(17, 11, 64, 70, 8),
    segment(28, 28, 53, 28),
    segment(28, 41, 53, 41),
    segment(28, 54, 44, 54),
  ],
  me: [ring(40.5, 27, 12), arcAbove(40.5, 72, 25, 72), segment(15.5, 72, 65.5, 72)],
}

function crc32(buf) {
  let c
  let crc = 0xffffffff
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    crc = (crc >>> 8) ^ c
  }
  return (crc ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
function png(shapes, [r, g, b]) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE)
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0 // filter: none
    for (let x = 0; x < SIZE; x++) {
      let hits = 0
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const px = x + (sx + 0.5) / SS
          const py = y + (sy + 0.5) / SS
          if (shapes.some((inside) => inside(px, py))) hits++
        }
      }
      const o = y * (SIZE * 4 + 1) + 1 + x * 4
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
      raw[o + 3] = Math.round((255 * hits) / (SS * SS))
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const outDir = path.resolve(__dirname, '../../../src/assets/tabbar')
fs.mkdirSync(outDir, { recursive: true })
for (const [name, shapes] of Object.entries(GLYPHS)) {
  fs.writeFileSync(path.join(outDir, `${name}.png`), png(shapes, COLORS.normal))
  fs.writeFileSync(path.join(outDir, `${name}-active.png`), png(shapes, COLORS.active))
}
console.log(`tabBar icons written to ${outDir}`)
