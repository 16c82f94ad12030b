import type { SdfGlyph } from './sdf-glyph.js';
import { writeVarint } from './varint.js';

/**
 * Encodes one glyph range as MapLibre reads it (glyphs.proto: `glyphs { repeated fontstack
 * stacks = 1 }`, `fontstack { name = 1; range = 2; repeated glyph glyphs = 3 }`, `glyph { id = 1;
 * bitmap = 2; width = 3; height = 4; left = 5 (sint32); top = 6 (sint32); advance = 7 }`).
 * A protobuf writer of the three wire types this needs, no more.
 */

/** Glyphs come in ranges of 256 code points: `/fonts/{stack}/{start}-{start + 255}.pbf`. */
export const GLYPH_RANGE_SIZE = 256;

class ProtoWriter {
  private readonly bytes: number[] = [];

  varint(value: number): this {
    writeVarint(value, this.bytes);
    return this;
  }

  /** Field `field` as a varint (wire type 0). */
  uint(field: number, value: number): this {
    return this.varint(field * 8).varint(value);
  }

  /** Field `field` as a zig-zag varint (sint32). */
  sint(field: number, value: number): this {
    return this.uint(field, value >= 0 ? value * 2 : -value * 2 - 1);
  }

  /** Field `field` as length-delimited bytes (wire type 2). */
  bytesField(field: number, value: Uint8Array): this {
    this.varint(field * 8 + 2).varint(value.length);
    for (const byte of value) this.bytes.push(byte);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytesField(field, new TextEncoder().encode(value));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function encodeGlyph(glyph: SdfGlyph): Uint8Array {
  const writer = new ProtoWriter().uint(1, glyph.id);
  if (glyph.bitmap.length > 0) writer.bytesField(2, glyph.bitmap);
  return writer
    .uint(3, glyph.width)
    .uint(4, glyph.height)
    .sint(5, glyph.left)
    .sint(6, glyph.top)
    .uint(7, glyph.advance)
    .finish();
}

/** The `.pbf` of the range starting at `start` (a multiple of 256) for the font stack `name`. */
export function encodeGlyphRange(name: string, start: number, glyphs: readonly SdfGlyph[]): Uint8Array {
  const stack = new ProtoWriter().string(1, name).string(2, `${start}-${start + GLYPH_RANGE_SIZE - 1}`);
  for (const glyph of glyphs) stack.bytesField(3, encodeGlyph(glyph));
  return new ProtoWriter().bytesField(1, stack.finish()).finish();
}
