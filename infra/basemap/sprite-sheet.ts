import { deflateSync } from 'node:zlib';

/** An RGBA colour, 0–255 each. */
type Rgba = readonly [number, number, number, number];

/** One icon: its size in CSS pixels and what colour each point is (`x`, `y` in CSS pixels), or null. */
interface Icon {
  width: number;
  height: number;
  paint(x: number, y: number): Rgba | null;
}

/** Where an icon sits in the sheet, as MapLibre reads a sprite's JSON index. */
export interface SpriteEntry {
  x: number;
  y: number;
  width: number;
  height: number;
  pixelRatio: number;
}

const INK: Rgba = [90, 96, 110, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const EDGE: Rgba = [150, 156, 168, 255];

const circle = (cx: number, cy: number, r: number) => (x: number, y: number) =>
  (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** A dot with a white ring: places, points of interest without an icon of their own. */
function dot(size: number, fill: Rgba): Icon {
  const c = size / 2;
  const outer = circle(c, c, c - 0.5);
  const inner = circle(c, c, c - 2);
  return { width: size, height: size, paint: (x, y) => (inner(x, y) ? fill : outer(x, y) ? WHITE : null) };
}

/** A capital: a ring around a dot. */
function capital(size: number): Icon {
  const c = size / 2;
  const r = (x: number, y: number) => Math.hypot(x - c, y - c);
  return {
    width: size,
    height: size,
    paint: (x, y) => {
      const d = r(x, y);
      return d <= 1.8 ? INK : d <= 3 ? WHITE : d <= c - 1 ? INK : d <= c - 0.2 ? WHITE : null;
    },
  };
}

/** A one-way arrow pointing up (the style rotates it along the street). */
function arrow(size: number): Icon {
  const c = size / 2;
  return {
    width: size,
    height: size,
    paint: (x, y) => {
      const head = y >= 1 && y <= c + 1 && Math.abs(x - c) <= (y - 1) * 0.9;
      const shaft = y > c && y <= size - 1 && Math.abs(x - c) <= 1.2;
      return head || shaft ? INK : null;
    },
  };
}

/** A road shield sized for `chars` characters: a white rounded box with a border. */
function shield(chars: number, border: Rgba): Icon {
  const width = 8 + chars * 6;
  const height = 14;
  const radius = 3;
  const inside = (x: number, y: number, inset: number) => {
    const dx = Math.max(radius + inset - x, 0, x - (width - radius - inset));
    const dy = Math.max(radius + inset - y, 0, y - (height - radius - inset));
    return Math.hypot(dx, dy) <= radius;
  };
  return { width, height, paint: (x, y) => (inside(x, y, 1.5) ? WHITE : inside(x, y, 0) ? border : null) };
}

/** A station: a square with a rail's "T". */
function station(size: number): Icon {
  return {
    width: size,
    height: size,
    paint: (x, y) => {
      if (x < 1 || y < 1 || x > size - 1 || y > size - 1) return null;
      const t =
        (y >= 3.5 && y <= 5.5 && x >= 3.5 && x <= size - 3.5) ||
        (Math.abs(x - size / 2) <= 1 && y >= 3.5 && y <= size - 3);
      return t ? WHITE : [60, 110, 180, 255];
    },
  };
}

/**
 * Every image the Protomaps basemap layers name (`@protomaps/basemaps` v5: `arrow` for one-way
 * streets, `townspot` and `capital` for places, shields by network and length, `train_station`),
 * plus `poi`, the fallback the style gives points of interest whose kind has no icon.
 */
export function basemapIcons(): Map<string, Icon> {
  const icons = new Map<string, Icon>([
    ['arrow', arrow(12)],
    ['townspot', dot(8, INK)],
    ['capital', capital(12)],
    ['poi', dot(10, [120, 126, 140, 255])],
    ['train_station', station(14)],
  ]);
  for (let chars = 1; chars <= 8; chars++) {
    icons.set(`generic_shield-${chars}char`, shield(chars, EDGE));
    icons.set(`US:I-${chars}char`, shield(chars, [40, 80, 160, 255]));
    icons.set(`NL:S-road-${chars}char`, shield(chars, [200, 120, 30, 255]));
  }
  return icons;
}

/** Samples per pixel side (4 × 4): smooth edges without a rasteriser library. */
const SAMPLES = 4;

/**
 * Draws `icons` side by side, one row, at `pixelRatio` device pixels per CSS pixel; returns the
 * sheet as PNG and its JSON index (MapLibre's sprite format).
 */
export function spriteSheet(
  icons: Map<string, Icon>,
  pixelRatio: number,
): { png: Buffer; index: Record<string, SpriteEntry> } {
  const index: Record<string, SpriteEntry> = {};
  let width = 0;
  let height = 0;
  for (const [name, icon] of icons) {
    const w = Math.ceil(icon.width * pixelRatio);
    const h = Math.ceil(icon.height * pixelRatio);
    index[name] = { x: width, y: 0, width: w, height: h, pixelRatio };
    width += w + 1;
    height = Math.max(height, h);
  }
  const pixels = Buffer.alloc(width * height * 4);
  for (const [name, icon] of icons) {
    const at = index[name]!;
    for (let py = 0; py < at.height; py++)
      for (let px = 0; px < at.width; px++) {
        const sum = [0, 0, 0, 0];
        for (let sy = 0; sy < SAMPLES; sy++)
          for (let sx = 0; sx < SAMPLES; sx++) {
            const colour = icon.paint(
              (px + (sx + 0.5) / SAMPLES) / pixelRatio,
              (py + (sy + 0.5) / SAMPLES) / pixelRatio,
            );
            if (!colour) continue;
            // Premultiplied while summing, so edges do not darken.
            const a = colour[3] / 255;
            for (let k = 0; k < 3; k++) sum[k]! += colour[k]! * a;
            sum[3]! += a;
          }
        const coverage = sum[3]! / (SAMPLES * SAMPLES);
        const offset = ((at.y + py) * width + at.x + px) * 4;
        if (sum[3]! > 0) for (let k = 0; k < 3; k++) pixels[offset + k] = Math.round(sum[k]! / sum[3]!);
        pixels[offset + 3] = Math.round(coverage * 255);
      }
  }
  return { png: encodePng(width, height, pixels), index };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA pixels (8 bits each, rows top to bottom) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  // Each row starts with its filter byte (0: none).
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++)
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
