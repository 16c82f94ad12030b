import opentype, { type Font } from 'opentype.js';
import { readFileSync } from 'node:fs';
import { encodeGlyphRange, GLYPH_RANGE_SIZE } from './glyph-pbf.js';
import { GLYPH_SIZE_PX, renderSdfGlyph, type SdfGlyph } from './sdf-glyph.js';

/** A font stack as the style names it, and the font files (WOFF or TTF) that make it, first match wins. */
export interface FontStackSource {
  name: string;
  files: readonly string[];
}

function loadFont(path: string): Font {
  const bytes = readFileSync(path);
  return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function glyphOf(fonts: readonly Font[], codePoint: number): SdfGlyph | undefined {
  const char = String.fromCodePoint(codePoint);
  const font = fonts.find((candidate) => candidate.hasChar(char));
  if (!font) return undefined;
  const scale = GLYPH_SIZE_PX / font.unitsPerEm;
  const glyph = font.charToGlyph(char);
  return renderSdfGlyph(
    codePoint,
    glyph.getPath(0, 0, GLYPH_SIZE_PX).commands,
    (glyph.advanceWidth ?? 0) * scale,
    font.ascender * scale,
  );
}

/** Every range starting at `starts` (multiples of 256), as `{ "0-255": bytes, … }`. */
export function fontStackRanges(stack: FontStackSource, starts: readonly number[]): Map<string, Uint8Array> {
  const fonts = stack.files.map(loadFont);
  const ranges = new Map<string, Uint8Array>();
  for (const start of starts) {
    const glyphs: SdfGlyph[] = [];
    for (let codePoint = start; codePoint < start + GLYPH_RANGE_SIZE; codePoint++) {
      const glyph = glyphOf(fonts, codePoint);
      if (glyph) glyphs.push(glyph);
    }
    ranges.set(`${start}-${start + GLYPH_RANGE_SIZE - 1}`, encodeGlyphRange(stack.name, start, glyphs));
  }
  return ranges;
}
