import { GLYPH_BORDER_PX, flattenPath, renderSdfGlyph, type PathCommand } from './sdf-glyph.js';

/** A 10 × 10 px square whose ink spans x 2–12 and 2–12 px above the baseline (y grows downwards). */
const SQUARE: PathCommand[] = [
  { type: 'M', x: 2, y: -12 },
  { type: 'L', x: 12, y: -12 },
  { type: 'L', x: 12, y: -2 },
  { type: 'L', x: 2, y: -2 },
  { type: 'Z' },
];

describe('renderSdfGlyph', () => {
  const glyph = renderSdfGlyph(0x25a0, SQUARE, 14.4, 25.6);
  const columns = glyph.width + 2 * GLYPH_BORDER_PX;
  const at = (column: number, row: number) => glyph.bitmap[row * columns + column]!;

  it("measures the ink box, the advance and the top against the font's ascender, in pixels", () => {
    expect(glyph).toMatchObject({ id: 0x25a0, width: 10, height: 10, left: 2, advance: 14 });
    // Ink 12 px above the baseline, less an ascender of 25.6 px (rounded), as fontnik wrote it.
    expect(glyph.top).toBe(12 - 26);
    expect(glyph.bitmap).toHaveLength(16 * 16);
  });

  it('is high inside, about 192 on the outline, low outside', () => {
    expect(at(8, 8)).toBeGreaterThan(230);
    // The pixel centres nearest the left edge, half a pixel either side of it.
    expect(at(2, 8)).toBeGreaterThan(170);
    expect(at(2, 8)).toBeLessThan(192);
    expect(at(3, 8)).toBeGreaterThan(192);
    expect(at(3, 8)).toBeLessThan(215);
    expect(at(0, 0)).toBeLessThan(150);
  });

  it('gives a glyph without ink (a space) no bitmap but its advance', () => {
    expect(renderSdfGlyph(32, [], 6.2, 25.6)).toEqual({
      id: 32,
      bitmap: new Uint8Array(0),
      width: 0,
      height: 0,
      left: 0,
      top: 0,
      advance: 6,
    });
  });
});

describe('flattenPath', () => {
  it('turns a quadratic curve into segments that end on its end point and pass its middle', () => {
    const [ring] = flattenPath([
      { type: 'M', x: 0, y: 0 },
      { type: 'Q', x1: 5, y1: 10, x: 10, y: 0 },
      { type: 'Z' },
    ]);
    expect(ring![ring!.length - 1]).toEqual([10, 0]);
    expect(ring).toContainEqual([5, 5]);
  });
});
