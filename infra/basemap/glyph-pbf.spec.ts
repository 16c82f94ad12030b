import { join } from 'node:path';
import { PbfReader } from 'pbf';
import { fontStackRanges } from './font-glyphs.js';
import { encodeGlyphRange } from './glyph-pbf.js';

interface DecodedGlyph {
  id: number;
  bitmap?: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

/** Decodes a glyph range with the `pbf` package, field by field as MapLibre's parser does. */
function decode(bytes: Uint8Array): { name: string; range: string; glyphs: DecodedGlyph[] }[] {
  return new PbfReader(bytes).readFields(
    (tag, stacks: { name: string; range: string; glyphs: DecodedGlyph[] }[], pbf) => {
      if (tag !== 1) return;
      stacks.push(
        pbf.readMessage(
          (field, stack: { name: string; range: string; glyphs: DecodedGlyph[] }, p) => {
            if (field === 1) stack.name = p.readString();
            else if (field === 2) stack.range = p.readString();
            else if (field === 3)
              stack.glyphs.push(
                p.readMessage(
                  (g, glyph: DecodedGlyph, q) => {
                    if (g === 1) glyph.id = q.readVarint();
                    else if (g === 2) glyph.bitmap = q.readBytes();
                    else if (g === 3) glyph.width = q.readVarint();
                    else if (g === 4) glyph.height = q.readVarint();
                    else if (g === 5) glyph.left = q.readSVarint();
                    else if (g === 6) glyph.top = q.readSVarint();
                    else if (g === 7) glyph.advance = q.readVarint();
                  },
                  { id: 0, width: 0, height: 0, left: 0, top: 0, advance: 0 },
                ),
              );
          },
          { name: '', range: '', glyphs: [] },
        ),
      );
    },
    [],
  );
}

describe('encodeGlyphRange', () => {
  it('writes a font stack, its range and its glyphs as glyphs.proto says, negative metrics included', () => {
    const bitmap = Uint8Array.from({ length: 7 * 8 }, (_, i) => i);
    const [stack, ...others] = decode(
      encodeGlyphRange('Noto Sans Regular', 256, [
        { id: 0x160, bitmap, width: 1, height: 2, left: -1, top: -20, advance: 13 },
        { id: 0x100, bitmap: new Uint8Array(0), width: 0, height: 0, left: 0, top: 0, advance: 300 },
      ]),
    );
    expect(others).toEqual([]);
    expect(stack).toMatchObject({ name: 'Noto Sans Regular', range: '256-511' });
    expect(stack!.glyphs[0]).toEqual({
      id: 0x160,
      bitmap,
      width: 1,
      height: 2,
      left: -1,
      top: -20,
      advance: 13,
    });
    expect(stack!.glyphs[1]).toEqual({ id: 0x100, width: 0, height: 0, left: 0, top: 0, advance: 300 });
  });
});

describe('fontStackRanges', () => {
  it('renders Finnish, Swedish and French letters from the Latin and Latin Extended-A fonts', () => {
    const files = join(process.cwd(), 'node_modules', '@fontsource', 'noto-sans', 'files');
    const ranges = fontStackRanges(
      {
        name: 'Noto Sans Regular',
        files: [
          join(files, 'noto-sans-latin-400-normal.woff'),
          join(files, 'noto-sans-latin-ext-400-normal.woff'),
        ],
      },
      [0, 256],
    );
    const latin = decode(ranges.get('0-255')!)[0]!;
    const extended = decode(ranges.get('256-511')!)[0]!;
    const ids = (glyphs: DecodedGlyph[]) => glyphs.map((g) => g.id);
    for (const char of 'aäöåéèçÄÖÅ ') expect(ids(latin.glyphs)).toContain(char.codePointAt(0));
    for (const char of 'ŠšŽžœŒ') expect(ids(extended.glyphs)).toContain(char.codePointAt(0));
    const l = latin.glyphs.find((g) => g.id === 'l'.codePointAt(0))!;
    // A tall thin stem: about 2 px wide, 18 px high at 24 px, its ink reaching the ascender.
    expect(l.width).toBeGreaterThanOrEqual(2);
    expect(l.width).toBeLessThanOrEqual(4);
    expect(l.height).toBeGreaterThanOrEqual(17);
    expect(l.top).toBeGreaterThan(-10);
    expect(l.top).toBeLessThanOrEqual(0);
    expect(Math.max(...l.bitmap!)).toBeGreaterThan(192);
  }, 120_000);
});
